type Translate = (key: string) => string

/** A host state or status in the reader's language; a word ZStack adds later is shown as ZStack says it. */
export function hostWord(t: Translate, word: string): string {
  const path = `hostWord.${word}`
  const text = t(path)
  return text === path ? word : text
}
