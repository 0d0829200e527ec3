import type { PracticeModel } from '../practice-models/schema.js'

/** A tool the case should have and does not, and the concerns that call for it. */
export interface MissingTool {
  toolCode: string
  toolLabel: string
  /** The page that records it, under the episode: the instrument's own form, or the simple tool form. */
  recordPath: string
  concernLabels: string[]
  /** In words, for a flag: "Neglect is a concern and no Graded Care Profile 2 (GCP2) has been recorded". */
  message: string
}

/**
 * The tools the model asks for where a concern is a feature of the case, missing from it (DESIGN §4: "no GCP2 where
 * neglect is a concern, no DASH where domestic abuse is → flagged"; 003 action 3.3: "GCP to be used in all cases
 * where neglect is a key feature"). A tool is there when any record of it, or of one of its alternatives, is.
 */
export function missingConcernTools(
  model: PracticeModel,
  facts: { concerns: readonly string[]; tools: readonly string[] },
): MissingTool[] {
  const concernLabel = new Map(model.concernCategories.map(category => [category.code, category.label]))
  return model.progressionTools.flatMap(tool => {
    if (tool.when !== 'where_concern') return []
    const matched = tool.concerns.filter(concern => facts.concerns.includes(concern))
    if (matched.length === 0) return []
    if ([tool.code, ...(tool.alternatives ?? [])].some(code => facts.tools.includes(code))) return []
    const concernLabels = matched.map(concern => concernLabel.get(concern) ?? concern)
    const concerns = concernLabels.join(' and ')
    return [
      {
        toolCode: tool.code,
        toolLabel: tool.label,
        recordPath:
          tool.instrument === undefined
            ? '/tools/new'
            : tool.instrument === 'spider-graph'
              ? '/spider-graph/new'
              : tool.instrument === 'cse-screening'
                ? '/cse-screening/new'
                : `/instruments/${tool.instrument}/new`,
        concernLabels,
        message: `${concerns.charAt(0).toUpperCase()}${concerns.slice(1)} ${matched.length === 1 ? 'is a concern' : 'are concerns'} and no ${tool.label} has been recorded`,
      },
    ]
  })
}
