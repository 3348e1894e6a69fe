/** Types for `synonyms` (WordNet synonym sets by part of speech; the package ships none). */
declare module 'synonyms' {
  type ByPartOfSpeech = Partial<Record<'n' | 'v' | 'a' | 's' | 'r', string[]>>;
  const synonyms: { (word: string): ByPartOfSpeech | undefined; dictionary: Record<string, ByPartOfSpeech> };
  export default synonyms;
}
