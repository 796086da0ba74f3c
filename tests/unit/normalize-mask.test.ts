import { describe, it, expect } from 'vitest';
import {
  containsUnmaskedPersonalData, isResidentIdNumber, maskIdNumbers, maskPersonalData,
  maskPersonName, maskPhoneNumbers, residentIdCheckChar,
} from '../../core/normalize/index.ts';

describe('maskPersonName', () => {
  it('keeps the first Chinese character', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('张三丰')).toBe('张**');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName(' 阿卜杜·热合曼 ')).toBe('阿**·***');
    expect(maskPersonName('张')).toBe('*');
    expect(maskPersonName('')).toBe('');
  });
  it('keeps the first letter of each Latin word', () => {
    expect(maskPersonName('John Smith')).toBe('J*** S****');
    expect(maskPersonName('Mary-Jane Lee')).toBe('M***-J*** L**');
  });
});

describe('resident ID numbers', () => {
  it('computes the GB 11643 check digit', () => {
    expect(residentIdCheckChar('11010119900307123')).toBe('3');
    expect(isResidentIdNumber('110101199003071233')).toBe(true);
    expect(isResidentIdNumber('110101199003071234')).toBe(false);
    expect(isResidentIdNumber('110101900307123')).toBe(true);
  });
  it('masks 18-digit IDs to first 4 + last 4', () => {
    expect(maskIdNumbers('110101199003071234')).toBe('1101**********1234');
    expect(maskIdNumbers('身份证号：110101199003071233。')).toBe('身份证号：1101**********1233。');
    expect(maskIdNumbers('ID11010119900307123x')).toBe('ID1101**********123X');
    expect(maskIdNumbers('110101 19900307 1233')).toBe('1101**********1233');
    expect(maskIdNumbers('１１０１０１１９９００３０７１２３３')).toBe('1101**********1233');
  });
  it('masks 15-digit IDs with a plausible birth date', () => {
    expect(maskIdNumbers('旧证110101900307123号')).toBe('旧证1101*******7123号');
  });
  it('leaves USCCs, licence numbers and other digit runs alone', () => {
    const text = '91350100M000100Y43 91310000717854505W 911100001000013009 XK06-001-01234 '
      + 'SC10644030500123 注册号440301103245678 1101011990030712345 990101199003071233';
    expect(maskIdNumbers(text)).toBe(text);
    // All-digit valid USCC that is ID-shaped but fails the ID checksum: a USCC, not an ID.
    expect(maskIdNumbers('110110199003071004')).toBe('110110199003071004');
  });
});

describe('maskPhoneNumbers', () => {
  it('masks mainland mobile numbers in their usual spellings', () => {
    expect(maskPhoneNumbers('13812345678')).toBe('138****5678');
    expect(maskPhoneNumbers('电话:138-1234-5678;')).toBe('电话:138****5678;');
    expect(maskPhoneNumbers('139 1234 5678')).toBe('139****5678');
    expect(maskPhoneNumbers('+86 13812345678')).toBe('+86 138****5678');
    expect(maskPhoneNumbers('+86-138-1234-5678')).toBe('+86-138****5678');
    expect(maskPhoneNumbers('8613812345678')).toBe('86138****5678');
    expect(maskPhoneNumbers('Tel13812345678')).toBe('Tel138****5678');
    expect(maskPhoneNumbers('１３８１２３４５６７８')).toBe('138****5678');
  });
  it('does not mangle longer digit runs or non-mobile numbers', () => {
    const text = '110101199003071233 1381234567890 12812345678 2023010101123456 SC10644030500123 XK06-001-01234';
    expect(maskPhoneNumbers(text)).toBe(text);
  });
});

describe('maskPersonalData / containsUnmaskedPersonalData', () => {
  const raw = '当事人张三（身份证号110101199003071234，电话13812345678），'
    + '统一社会信用代码91350100M000100Y43，许可证SC10644030500123。';
  it('masks IDs and phones and nothing else', () => {
    expect(maskPersonalData(raw)).toBe('当事人张三（身份证号1101**********1234，电话138****5678），'
      + '统一社会信用代码91350100M000100Y43，许可证SC10644030500123。');
  });
  it('detects unmasked data and accepts masked output', () => {
    expect(containsUnmaskedPersonalData(raw)).toBe(true);
    expect(containsUnmaskedPersonalData(maskPersonalData(raw))).toBe(false);
    expect(containsUnmaskedPersonalData('91310000717854505W XK06-001-01234')).toBe(false);
    expect(containsUnmaskedPersonalData('联系 139 1234 5678')).toBe(true);
  });
  it('is idempotent', () => {
    const once = maskPersonalData(raw);
    expect(maskPersonalData(once)).toBe(once);
  });
});
