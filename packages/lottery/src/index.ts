export {
  candidateListHash,
  type Draw,
  draw,
  type ExplainedDraw,
  explainDraw,
  LOTTERY_ALGORITHM,
  type PublishedDraw,
  Sha256CounterStream,
  sortCandidates,
  toHex,
  type Verification,
  verifyDraw,
} from './draw';
