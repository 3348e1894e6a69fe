import { describe, expect, it } from 'vitest';
import { asksNotToBeContacted } from './opt-out-intent.js';

describe('asksNotToBeContacted', () => {
  it('reads a request to stop being contacted in the customer’s own words', () => {
    for (const text of [
      'i want to stop getting these texts',
      "I don't want to be contacted by your clinic anymore",
      'we moved away, no need to text me anymore',
      'please stop sending me reminders, my dog passed away',
      'no longer want messages from you',
      'please take me off your texting list',
      'please dont send me any more texts',
      "don't text me again",
      'Please do not message me anymore.',
      'ok, never text this number again',
    ]) {
      expect(asksNotToBeContacted(text), text).toBe(true);
    }
  });

  it('leaves "stop" about anything else alone', () => {
    for (const text of [
      'how do i stop weeds from coming back',
      'is there a contract or can I stop anytime',
      "my dog won't stop scratching his ears",
      'how do I stop my cake from drying out',
      'stop the leak please',
      'I never got a reminder text',
      'can you text me the price',
      'do you send reminders before the appointment?',
      "I don't want to text back and forth, can someone call me",
      "I don't get texts from you",
      "don't forget to text me the address",
      "don't worry about texting me the price, I'll call",
    ]) {
      expect(asksNotToBeContacted(text), text).toBe(false);
    }
  });
});
