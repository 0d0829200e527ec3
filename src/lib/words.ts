/** The plural of a noun phrase from a practice model: "request for support" → "requests for support", "referral" → "referrals". */
export function plural(phrase: string): string {
  const [head, ...rest] = phrase.split(' for ')
  const word = head ?? ''
  const many = /(s|sh|ch|x|z)$/i.test(word)
    ? `${word}es`
    : /[^aeiou]y$/i.test(word)
      ? `${word.slice(0, -1)}ies`
      : `${word}s`
  return [many, ...rest].join(' for ')
}
