import type { PracticeModel } from '../schema.js'
import { derbyPreset } from './derby.js'
import { durhamPreset } from './durham.js'
import { leedsPreset } from './leeds.js'

/** The three practice models Tandem ships (DESIGN §7); an authority starts from one and adapts it. */
export const presets = { derby: derbyPreset, durham: durhamPreset, leeds: leedsPreset } satisfies Record<
  string,
  PracticeModel
>

export type PresetName = keyof typeof presets
