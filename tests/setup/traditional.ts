import { ConverterFactory } from 'opencc-js/core';
import { from, to } from 'opencc-js/preset/cn2t';

/** Simplified → traditional (Taiwan), to check that traditional input finds simplified records. */
export const toTraditional = ConverterFactory(from.cn!, to.tw!);
