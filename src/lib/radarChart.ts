// The geometry of a radar (spider) chart, drawn by the page as SVG on the server: it works without JavaScript, prints
// well, and the page gives the same figures as a table for anyone who cannot see it.

export interface RadarSeries {
  label: string
  /** One value per axis, in the axes' order; null where the series has no value for an axis. */
  values: (number | null)[]
}

export interface RadarChart {
  width: number
  height: number
  centre: { x: number; y: number }
  /** The scale's rings, from the smallest, each a closed polygon through every axis, labelled beside the first. */
  rings: { value: number; points: string; labelX: number; labelY: number }[]
  axes: {
    label: string
    x: number
    y: number
    /** The label's lines (long labels wrap) and where they sit, clear of the chart. */
    lines: string[]
    labelX: number
    labelY: number
    anchor: 'start' | 'middle' | 'end'
  }[]
  series: { label: string; points: string; dots: { x: number; y: number; value: number }[] }[]
}

const round = (value: number) => Math.round(value * 10) / 10

/** Wraps a label into lines of at most `width` characters, breaking between words. */
function wrap(label: string, width: number) {
  const lines: string[] = []
  for (const word of label.split(/\s+/)) {
    const last = lines.at(-1)
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines
}

/**
 * Places `axes` evenly round a circle, the first straight up and the rest clockwise, and each series' values
 * along them from the centre (0) to the rim (`max`). A value missing from a series leaves its polygon to join
 * the values either side.
 */
export function radarChart(options: { axes: string[]; max: number; series: RadarSeries[]; ringStep?: number }) {
  const { axes, max, series } = options
  const ringStep = options.ringStep ?? 2
  const radius = 165
  const width = 640
  const height = 480
  const centre = { x: width / 2, y: height / 2 }
  const angle = (index: number) => -Math.PI / 2 + (2 * Math.PI * index) / axes.length
  const at = (index: number, value: number) => ({
    x: round(centre.x + Math.cos(angle(index)) * radius * (value / max)),
    y: round(centre.y + Math.sin(angle(index)) * radius * (value / max)),
  })
  const polygon = (points: { x: number; y: number }[]) => points.map(point => `${point.x},${point.y}`).join(' ')
  const rings: RadarChart['rings'] = []
  for (let value = ringStep; value <= max; value += ringStep)
    rings.push({
      value,
      points: polygon(axes.map((_, index) => at(index, value))),
      labelX: centre.x + 4,
      labelY: round(at(0, value).y + 12),
    })
  return {
    width,
    height,
    centre,
    rings,
    axes: axes.map((label, index) => {
      const end = at(index, max)
      const outside = at(index, max * 1.1)
      const dx = outside.x - centre.x
      const lines = wrap(label, 16)
      // Labels above the chart grow upwards, those below grow downwards, so none runs into the rim.
      const lineHeight = 16
      const dy = outside.y - centre.y
      const labelY =
        dy < -1 ? outside.y - (lines.length - 1) * lineHeight : dy > 1 ? outside.y + lineHeight * 0.8 : outside.y
      return {
        label,
        x: end.x,
        y: end.y,
        lines,
        labelX: outside.x,
        labelY: round(labelY),
        anchor: Math.abs(dx) < 1 ? 'middle' : dx > 0 ? 'start' : 'end',
      }
    }),
    series: series.map(one => {
      const dots = one.values.flatMap((value, index) => (value === null ? [] : [{ ...at(index, value), value }]))
      return { label: one.label, points: polygon(dots), dots }
    }),
  } satisfies RadarChart
}
