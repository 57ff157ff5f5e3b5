// An independent computation of what the chain should pay, in BigInt, from the rules in
// docs/attribution.md and docs/datanets.md. Tests compare the node's answers against it.

export const BILLION = 1_000_000_000n;
export const SCALE = 10n ** 18n;

/** ⌊x × parts / 10⁹⌋ */
export const part = (x, perbill) => (BigInt(x) * BigInt(perbill)) / BILLION;

// biome-ignore lint/complexity/useMathMinMax: the operands are BigInts
const min = (...xs) => xs.reduce((a, b) => (b < a ? b : a));

/**
 * The split of one fee.
 * params: { protocol, minData, maxModel, maxOperator } in parts per billion;
 * operatorShare (or null), modelShare, royalties of the ancestors (direct base first),
 * scores: [[dataset, perbill]], training: [[dataset, perbill]].
 */
export function split({ fee, params, operatorShare, modelShare, royalties, scores, training }) {
  fee = BigInt(fee);
  const operator = operatorShare === null ? 0n : min(BigInt(operatorShare), BigInt(params.maxOperator));
  let room = BILLION - BigInt(params.protocol) - operator - BigInt(params.minData);
  if (room < 0n) room = 0n;
  const model = min(BigInt(modelShare), BigInt(params.maxModel), room);
  const protocol = part(fee, params.protocol);
  const operatorAmount = part(fee, operator);
  const modelPart = part(fee, model);
  let remaining = modelPart;
  const ancestors = royalties.map((royalty) => {
    const cut = part(remaining, royalty);
    remaining -= cut;
    return cut;
  });
  const data = fee - protocol - operatorAmount - modelPart;
  const datasets = new Map();
  let scored = 0n;
  for (const [dataset, score] of scores) {
    datasets.set(dataset, (datasets.get(dataset) ?? 0n) + part(data, score));
    scored += BigInt(score);
  }
  const unattributed = part(data, BILLION - scored);
  let weights = 0n;
  for (const [dataset, weight] of training) {
    datasets.set(dataset, (datasets.get(dataset) ?? 0n) + part(unattributed, weight));
    weights += BigInt(weight);
  }
  const undeclared = part(unattributed, BILLION - weights);
  const paid = protocol + operatorAmount + modelPart + undeclared + [...datasets.values()].reduce((a, b) => a + b, 0n);
  return {
    protocol,
    operator: operatorAmount,
    modelOwner: remaining,
    ancestors,
    datasets,
    undeclared,
    dust: fee - paid,
  };
}

/** A dataset's reward pool, as DOMAIN.md defines it. */
export class Pool {
  constructor() {
    this.acc = 0n;
    this.total = 0n;
    this.holders = new Map(); // contribution -> { shares, debt, claimed }
  }
  join(contribution, shares) {
    shares = BigInt(shares);
    const product = shares * this.acc;
    const debt = product / SCALE + (product % SCALE === 0n ? 0n : 1n); // rounded up
    this.holders.set(contribution, { shares, debt, claimed: 0n });
    this.total += shares;
  }
  pay(amount) {
    if (this.total === 0n) return false;
    this.acc += (BigInt(amount) * SCALE) / this.total;
    return true;
  }
  pending(contribution) {
    const holder = this.holders.get(contribution);
    const accrued = (holder.shares * this.acc) / SCALE;
    return accrued > holder.debt ? accrued - holder.debt : 0n;
  }
  claim(contribution) {
    const amount = this.pending(contribution);
    const holder = this.holders.get(contribution);
    if (amount > 0n) {
      holder.debt = (holder.shares * this.acc) / SCALE;
      holder.claimed += amount;
    }
    return amount;
  }
}
