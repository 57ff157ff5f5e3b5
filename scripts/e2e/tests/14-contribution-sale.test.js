// Selling a contribution (docs/datanets.md, docs/liquidity.md part 1), with polkadot.js on the
// real node: Bob lists an accepted contribution, a buyer whose price moved is refused, Charlie
// buys it; Bob is paid what it had earned, the price and his storage deposit back, in the same
// block; the next record pays Charlie, to the unit, and Bob nothing.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { amount, answer } from '@openledger/api';
import { blake2AsHex } from '@polkadot/util-crypto';
import { startNode } from '../../lib/node.js';
import { PERCENT, populate, UNIT } from '../../lib/scenario.js';
import { findEvent, submit } from '../../lib/tx.js';

let node;
let state;

before(async () => {
  node = await startNode();
  state = await populate(node.api, { finalized: false });
});

after(async () => {
  if (node) await node.stop();
});

test('a contribution is sold at its listed price; its rewards are settled to the seller, the next ones paid to the buyer', async () => {
  const { api } = node;
  const { bob, charlie, attestor } = state.people;
  const [sold] = state.contributions.bob;
  const [first] = state.datasets;
  const send = (tx, who) => submit(api, tx, who, { finalized: false });
  const account = async (who) => (await api.query.system.account(who.address)).data;
  const pending = async (id) => amount(answer(await api.rpc.datasets.contribution(id)).pendingReward);

  const earnedBefore = await pending(sold);
  assert.ok(earnedBefore > 0n, "Bob's contribution has earned from the scenario's records");
  await send(api.tx.datasets.listContribution(sold, 5n * UNIT, null), bob);
  const listing = (await api.query.datasets.listings(sold)).unwrap();
  assert.equal(listing.price.toBigInt(), 5n * UNIT);
  assert.ok(listing.buyer.isNone, 'for anyone');

  // Bob raises the price after Charlie looked at it: Charlie's purchase is refused.
  await send(api.tx.datasets.listContribution(sold, 6n * UNIT, null), bob);
  await assert.rejects(send(api.tx.datasets.buyContribution(sold, 5n * UNIT), charlie), {
    name: 'datasets.PriceAboveMax',
  });

  const [bobBefore, charlieBefore] = [await account(bob), await account(charlie)];
  const bought = await send(api.tx.datasets.buyContribution(sold, 6n * UNIT), charlie);
  const moved = findEvent(bought.events, 'datasets', 'ContributionTransferred').data;
  assert.equal(moved.settled.toBigInt(), earnedBefore, 'Bob is paid exactly what it had earned');
  assert.equal(moved.price.toBigInt(), 6n * UNIT);
  const [bobAfter, charlieAfter] = [await account(bob), await account(charlie)];
  const deposit = bobBefore.reserved.toBigInt() - bobAfter.reserved.toBigInt();
  assert.ok(deposit > 0n, "Bob's storage deposit is released");
  assert.equal(charlieAfter.reserved.toBigInt() - charlieBefore.reserved.toBigInt(), deposit, 'Charlie holds it');
  assert.equal(
    bobAfter.free.toBigInt() - bobBefore.free.toBigInt(),
    earnedBefore + 6n * UNIT + deposit,
    'Bob: the settlement, the price and the deposit, to the unit',
  );
  assert.equal(
    charlieBefore.free.toBigInt() - charlieAfter.free.toBigInt(),
    6n * UNIT + deposit + bought.fee,
    'Charlie: the price, the deposit and the fee',
  );
  assert.equal(answer(await api.rpc.datasets.contribution(sold)).contributor, charlie.address);
  assert.equal(await pending(sold), 0n);
  assert.ok((await api.query.datasets.listings(sold)).isNone, 'the sale ended the listing');
  const bobs = answer(await api.rpc.datasets.contributionsOf(bob.address)).items.map((c) => c.id);
  assert.ok(!bobs.includes(sold));

  // The next record pays the buyer exactly what the chain says the contribution earned.
  const recorded = await send(
    api.tx.attribution.recordInference(
      state.model,
      1,
      null,
      7n * UNIT,
      blake2AsHex('after the sale'),
      { id: 'span-match/1', paramsHash: blake2AsHex('params') },
      blake2AsHex('evidence after the sale'),
      [[first, 40n * PERCENT]],
      0,
    ),
    attestor,
  );
  const record = findEvent(recorded.events, 'attribution', 'InferenceRecorded').data.record.toNumber();
  const earned = amount(answer(await api.rpc.attribution.contributionEarnings(record, sold)).earned);
  assert.ok(earned > 0n);
  assert.equal(await pending(sold), earned, 'Charlie may claim what the record paid the contribution');
  const claim = await send(api.tx.datasets.claimRewards([sold]), charlie);
  assert.equal(findEvent(claim.events, 'datasets', 'RewardsClaimed').data.amount.toBigInt(), earned);
  await assert.rejects(send(api.tx.datasets.claimRewards([sold]), bob), { name: 'datasets.NotContributor' });
});

test('a gift is a listing for one account at price 0, which that account alone takes', async () => {
  const { api } = node;
  const { bob, charlie, sudo } = state.people;
  const send = (tx, who) => submit(api, tx, who, { finalized: false });
  const [, gift] = state.contributions.bob;
  await send(api.tx.datasets.listContribution(gift, 0, sudo.address), bob);
  await assert.rejects(send(api.tx.datasets.buyContribution(gift, 0), charlie), { name: 'datasets.NotTheBuyer' });
  const taken = await send(api.tx.datasets.buyContribution(gift, 0), sudo);
  assert.equal(findEvent(taken.events, 'datasets', 'ContributionTransferred').data.price.toBigInt(), 0n);
  assert.equal(answer(await api.rpc.datasets.contribution(gift)).contributor, sudo.address);
});
