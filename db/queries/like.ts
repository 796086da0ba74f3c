/** User text inside a LIKE pattern: `%`, `_` and `\` match literally, never as wildcards. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
