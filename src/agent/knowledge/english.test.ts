import { describe, expect, it } from 'vitest';
import { hasVerb, isEnglishWord, taggedSentences, wordRoles } from './english.js';

describe('wordRoles', () => {
  it('tells topic words from phrasing by part of speech', () => {
    const roles = wordRoles('how far in advance do i need to order a birthday cake');
    expect(roles.get('cake')).toBe('topic');
    expect(roles.get('birthday')).toBe('topic');
    expect(roles.get('far')).toBe('modifier');
    expect(roles.get('do')).toBe('function');
  });

  it('makes the verb of a how-to question its topic', () => {
    expect(wordRoles('how do i stop my cake from drying out').get('stop')).toBe('topic');
    expect(wordRoles('can i stop anytime').get('stop')).toBe('action');
  });
});

describe('hasVerb', () => {
  it('finds a finite verb, not an -ing form used as a noun', () => {
    expect(hasVerb('We cater office breakfasts.')).toBe(true);
    expect(hasVerb('Tree removal, sprinkler repair, and hardscaping (patios, retaining walls).')).toBe(false);
    expect(hasVerb('Mowing prices (per visit)')).toBe(false);
  });
});

describe('taggedSentences', () => {
  it('gives each word its lemma, with "n\'t" read as "not"', () => {
    const [first] = taggedSentences("I don't want to be contacted. Thanks");
    expect(first?.map((w) => w.lemma)).toEqual(['i', 'do', 'not', 'want', 'to', 'be', 'contact', '.']);
  });
});

describe('isEnglishWord', () => {
  it('knows words from WordNet or wink-nlp\'s lexicon, not typos or gibberish', () => {
    for (const word of ['cat', 'celiac', 'fertilizer', 'attorneys']) expect(isEnglishWord(word), word).toBe(true);
    for (const word of ['cinamon', 'mowwing', 'asdfgh']) expect(isEnglishWord(word), word).toBe(false);
  });
});
