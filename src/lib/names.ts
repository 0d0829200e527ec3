// Given names for matching people across records: the same child may be Alexander on the school
// roll, Alex on the referral and Xander to their family. This is for finding possible duplicates for
// a person to look at, never for merging records on its own.

// Each group is one name with its spellings, short forms and pet forms. A name may be in more than
// one group (Charlie is short for both Charles and Charlotte); two names match only when one group
// holds both, so Charles and Charlotte do not match each other through Charlie. Related names that
// belong to different people (Alexander and Alexandra, Samuel and Samantha) are separate groups.
// All entries are as normaliseName leaves them: lower case, no accents.
const nameGroups: readonly (readonly string[])[] = [
  // Boys' and men's names
  ['ahmed', 'ahmad', 'ahmet'],
  ['alan', 'allan', 'allen', 'al'],
  ['albert', 'al', 'bert', 'bertie'],
  ['alexander', 'aleksander', 'alex', 'alec', 'alek', 'xander', 'sandy', 'lex'],
  ['alfred', 'alf', 'alfie', 'al', 'fred', 'freddie'],
  ['andrew', 'andy', 'drew'],
  ['anthony', 'antony', 'tony'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['callum', 'calum'],
  ['charles', 'charlie', 'chas', 'chuck', 'chaz'],
  ['christopher', 'chris', 'kit', 'topher'],
  ['connor', 'conor'],
  ['daniel', 'dan', 'danny'],
  ['david', 'dave', 'davy', 'davey'],
  ['edward', 'ed', 'eddie', 'eddy', 'ted', 'teddy', 'ned'],
  ['frederick', 'frederic', 'fred', 'freddie', 'freddy'],
  ['gregory', 'greg'],
  ['harry', 'harold', 'hal'],
  ['harry', 'henry', 'hal', 'hank'],
  ['jacob', 'jake'],
  ['james', 'jim', 'jimmy', 'jamie', 'jamey'],
  ['john', 'jon', 'jonny', 'johnny', 'jack'],
  ['jonathan', 'jon', 'jonny', 'johnny', 'jonty'],
  ['joseph', 'joe', 'joey'],
  ['joshua', 'josh'],
  ['kenneth', 'ken', 'kenny'],
  ['lawrence', 'laurence', 'larry', 'laurie'],
  ['leonard', 'len', 'lenny', 'leo'],
  ['matthew', 'matt', 'matty'],
  ['michael', 'mike', 'mick', 'mikey', 'micky', 'mickey'],
  ['mohammed', 'muhammad', 'mohammad', 'mohamed', 'muhammed', 'mohamad', 'mohamud', 'mohd', 'mo'],
  ['nathan', 'nathaniel', 'nat', 'nate'],
  ['nicholas', 'nicolas', 'nick', 'nicky', 'nico'],
  ['oliver', 'ollie', 'olly'],
  ['patrick', 'pat', 'paddy'],
  ['peter', 'pete'],
  ['philip', 'phillip', 'phil', 'pip'],
  ['raymond', 'ray'],
  ['richard', 'rich', 'richie', 'rick', 'ricky', 'dick'],
  ['robert', 'rob', 'robbie', 'bob', 'bobby', 'bert'],
  ['ronald', 'ron', 'ronnie'],
  ['samuel', 'sam', 'sammy'],
  ['sean', 'shaun', 'shawn'],
  ['stephen', 'steven', 'steve', 'stevie'],
  ['terence', 'terrence', 'terry'],
  ['thomas', 'tom', 'tommy'],
  ['timothy', 'tim', 'timmy'],
  ['victor', 'vic'],
  ['william', 'will', 'willie', 'willy', 'bill', 'billy', 'liam'],
  ['zachary', 'zach', 'zac', 'zack'],
  // Girls' and women's names
  ['abigail', 'abi', 'abby', 'abbie', 'gail'],
  ['aisha', 'ayesha', 'aishah'],
  ['alexandra', 'aleksandra', 'alex', 'alexa', 'lexi', 'lexie', 'sandy', 'sasha'],
  ['amelia', 'millie', 'milly', 'amy'],
  ['angela', 'angie'],
  ['barbara', 'barbra', 'barb', 'babs'],
  ['caroline', 'carolyn', 'carol', 'carrie', 'caz'],
  ['charlotte', 'lottie', 'charlie', 'lotte'],
  ['christine', 'christina', 'chris', 'chrissie', 'tina'],
  ['deborah', 'debra', 'debbie', 'debs', 'deb'],
  ['dorothy', 'dot', 'dotty', 'dolly'],
  ['eleanor', 'elinor', 'ellie', 'nell', 'nellie', 'nora'],
  ['elizabeth', 'elisabeth', 'liz', 'lizzie', 'lizzy', 'beth', 'betty', 'bess', 'bessie', 'eliza', 'libby'],
  ['emily', 'em', 'emmy', 'millie'],
  ['fatima', 'fatimah', 'fatma'],
  ['gillian', 'jillian', 'gill', 'jill'],
  ['isabella', 'isabel', 'isabelle', 'izzy', 'izzie', 'bella', 'belle'],
  ['jacqueline', 'jackie', 'jacqui'],
  ['jennifer', 'jen', 'jenny', 'jenni'],
  ['jessica', 'jess', 'jessie'],
  ['joanne', 'joanna', 'jo'],
  ['josephine', 'jo', 'josie'],
  ['katherine', 'catherine', 'kathryn', 'kathrine', 'catharine', 'kate', 'katie', 'kath', 'cathy', 'kathy', 'kat'],
  ['lily', 'lilly', 'lillie', 'lillian', 'lilian'],
  ['margaret', 'maggie', 'meg', 'peggy', 'madge', 'marge'],
  ['mary', 'molly', 'polly'],
  ['natalie', 'nathalie', 'nat'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia'],
  ['rebecca', 'rebekah', 'becky', 'becca', 'bex'],
  ['samantha', 'sam', 'sammy'],
  ['sophie', 'sophia', 'sofia', 'soph'],
  ['susan', 'suzanne', 'susannah', 'sue', 'susie', 'suzy'],
  ['theresa', 'teresa', 'tess', 'tessa', 'terri'],
  ['victoria', 'vicky', 'vicki', 'tori', 'vic'],
  ['zoe', 'zoey'],
]

// Each name to every name it shares a group with (itself included), built once.
const variantsOf = new Map<string, Set<string>>()
for (const group of nameGroups) {
  for (const name of group) {
    const variants = variantsOf.get(name) ?? new Set<string>()
    for (const other of group) variants.add(other)
    variantsOf.set(name, variants)
  }
}

// Letters that NFD does not split into a base letter and a mark, common in names written in Polish,
// Scandinavian languages, German and Turkish.
const unsplitLetters: Record<string, string> = {
  æ: 'ae',
  đ: 'd',
  ð: 'd',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
}

/**
 * A name for comparison: lower case, accents removed, punctuation dropped except the hyphens and
 * apostrophes that belong to names (Mary-Jane, O'Brien), runs of spaces collapsed, trimmed.
 */
export function normaliseName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[æđðıłøœßþ]/g, letter => unsplitLetters[letter] ?? letter)
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[‐‑–—]/g, '-')
    .replace(/[^\p{L}\p{N}\s'-]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The name and every name that shares a group with it, normalised; empty for a blank name. */
export function nameVariants(givenName: string): Set<string> {
  const name = normaliseName(givenName)
  if (!name) return new Set()
  return new Set(variantsOf.get(name) ?? [name])
}

/** Whether two given names are the same name or forms of one (Jon and John, Bill and William). */
export function sameGivenName(a: string, b: string): boolean {
  const other = normaliseName(b)
  return other !== '' && nameVariants(a).has(other)
}
