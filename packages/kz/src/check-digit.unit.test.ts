import fc from 'fast-check';
import { firstWeights, identificationCheckDigit, secondWeights, weightedRemainder } from './check-digit';

const elevenDigits = fc.stringMatching(/^\d{11}$/);

describe('identificationCheckDigit', () => {
  it('uses the first weights 1..11 when their remainder is not 10', () => {
    // 9*1 + 0*2 + 0*3 + 1*4 + 0*5 + 1*6 + 3*7 + 0*8 + 0*9 + 0*10 + 1*11 = 51; 51 mod 11 = 7
    expect(identificationCheckDigit('90010130001')).toBe(7);
  });

  it('falls back to the second weights 3..11,1,2 when the first remainder is 10', () => {
    // first: 9+10+0+24+5+30+28+0+0+80+0 = 186; 186 mod 11 = 10
    // second: 27+20+0+36+7+40+36+0+0+8+0 = 174; 174 mod 11 = 9
    expect(identificationCheckDigit('95061540080')).toBe(9);
  });

  it('has no check digit when both remainders are 10', () => {
    // first: 0+0+0+8+10+54+35+0+0+90+66 = 263; 263 mod 11 = 10
    // second: 0+0+0+12+14+72+45+0+0+9+12 = 164; 164 mod 11 = 10
    expect(identificationCheckDigit('00022950096')).toBeUndefined();
  });

  it('rejects anything but 11 digits', () => {
    expect(() => identificationCheckDigit('9001013000')).toThrow(RangeError);
    expect(() => identificationCheckDigit('900101300017')).toThrow(RangeError);
    expect(() => identificationCheckDigit('9001013000a')).toThrow(RangeError);
  });

  it('has the two published weight sets', () => {
    expect(firstWeights).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(secondWeights).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  });

  it('is a single digit, or undefined exactly when both weightings give 10', () => {
    fc.assert(
      fc.property(elevenDigits, (digits) => {
        const result = identificationCheckDigit(digits);
        const first = weightedRemainder(digits, firstWeights);
        const second = weightedRemainder(digits, secondWeights);
        if (first !== 10) return result === first;
        return second === 10 ? result === undefined : result === second;
      }),
    );
  });
});
