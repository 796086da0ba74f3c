/**
 * Unqualified items for failed samples, drawn from the category's testItems, sometimes with a
 * measured value and the requirement in brackets as real announcements print them.
 */
import type { Rng } from './prng.ts';

type Values = (r: Rng, model: string) => [measured: string, required: string] | undefined;

const num = (r: Rng, min: number, max: number, digits = 1) => (min + r.next() * (max - min)).toFixed(digits);

/** Items whose failures are usually published with figures. */
const VALUES: Record<string, Values> = {
  导体电阻: (r, model) => {
    // GB/T 3956 class 1/2 copper conductors at 20 °C, single-core building wires only.
    const limit = { '1.5': 12.1, '2.5': 7.41, '4': 4.61, '6': 3.08, '10': 1.83 }[/^(?:BV|WDZ-BYJ) ([\d.]+)mm²/.exec(model)?.[1] ?? ''];
    return limit ? [`${num(r, limit * 1.08, limit * 1.5, 2)}Ω/km`, `≤${limit}Ω/km`] : undefined;
  },
  甲醛含量: (r) => [`${num(r, 82, 168, 0)}mg/kg`, '≤75mg/kg'],
  pH值: (r) => [num(r, 8.7, 9.6), '4.0～8.5'],
  纤维含量: (r) => [`棉${num(r, 55, 80)}%`, '棉100%'],
  邻苯二甲酸酯增塑剂: (r) => [`${num(r, 0.2, 4.5, 2)}%`, '≤0.1%'],
  总养分: (r, model) => {
    const declared = Number(/总养分≥(\d+)%/.exec(model)?.[1] ?? 0);
    return declared ? [`${num(r, declared - 15, declared - 2)}%`, `≥${declared}.0%`] : undefined;
  },
  氯离子: (r) => [`${num(r, 3.4, 11.8)}%`, '≤3.0%'],
  水分: (r) => [`${num(r, 2.3, 5.2)}%`, '≤2.0%'],
  抗压强度: (r, model) => {
    const grade = Number(/(\d{2}\.5)/.exec(model)?.[1] ?? 0);
    return grade ? [`${num(r, grade - 5, grade - 0.4)}MPa`, `≥${grade.toFixed(1)}MPa`] : undefined;
  },
  三氧化硫: (r) => [`${num(r, 3.6, 4.3, 2)}%`, '≤3.5%'],
  最高设计车速: (r) => [`${num(r, 27, 46, 0)}km/h`, '≤25km/h'],
  整车质量: (r) => [`${num(r, 57, 82)}kg`, '≤55kg'],
  烟气中一氧化碳含量: (r) => [`${num(r, 0.06, 0.16, 3)}%`, '≤0.05%'],
  厚度: (r) => [`${num(r, 0.005, 0.009, 3)}mm`, '≥0.010mm'],
  应急工作时间: (r) => [`${num(r, 18, 85, 0)}min`, '≥90min'],
  滑渗量: (r) => [`${num(r, 24, 60, 0)}mL`, '≤20mL'],
  荧光性物质: () => ['阳性', '阴性'],
};

/** 1–3 distinct items, earlier test items more likely (they are the ones that usually fail). */
export function drawUnqualifiedItems(r: Rng, testItems: readonly string[]): string[] {
  const n = r.weighted([1, 2, 3], [62, 28, 10]);
  const pool = testItems.slice();
  const out: string[] = [];
  while (out.length < Math.min(n, pool.length)) {
    const item = r.weighted(pool, pool.map((_, i) => 1 / (i + 1)));
    pool.splice(pool.indexOf(item), 1);
    out.push(item);
  }
  return out;
}

/** The cell text: items joined with 、, some with (实测值…, 标准值…). */
export function formatUnqualifiedItems(r: Rng, items: readonly string[], model: string): string {
  return items
    .map((item) => {
      const values = VALUES[item];
      if (!values || !r.chance(0.5)) return item;
      const pair = values(r, model);
      if (!pair) return item;
      const [measured, required] = pair;
      return r.chance(0.3)
        ? `${item}(实测值: ${measured}, 标准值: ${required})`
        : `${item}（实测值：${measured}，标准值：${required}）`;
    })
    .join('、');
}
