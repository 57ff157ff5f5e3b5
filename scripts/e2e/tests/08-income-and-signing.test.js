// What a validator earns, and signing as a hardware wallet does, on a real development node
// with polkadot.js: a transaction's tip and a fifth of its fee go to the block's author and
// the rest to the treasury, to the unit; the Council can change the share; a transaction
// signed with CheckMetadataHash mode 1 and the metadata hash the client computes
// (@polkadot-api/merkleize-metadata, RFC 78) is accepted, one with a wrong hash refused.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { treasuryAccount } from '../../lib/governance.js';
import { authorOf, expectedSplit, growth } from '../../lib/income.js';
import { figure } from '../../lib/network.js';
import { startNode } from '../../lib/node.js';
import { devKeys, findEvent, submit } from '../../lib/tx.js';

const UNIT = 10n ** 18n;
let node;
let api;
let dev;

before(async () => {
  await cryptoWaitReady();
  node = await startNode();
  api = node.api;
  dev = devKeys(['Alice', 'Bob', 'Charlie']);
});

after(async () => {
  if (node) await node.stop();
});

test("a transaction's tip and a fifth of its fee go to the block's author, the rest to the treasury", async () => {
  assert.equal((await api.query.validatorSet.authorFeeShare()).toNumber(), 200_000_000, '20 %');
  const tip = 3n * 10n ** 15n + 1n; // an odd tip: it goes whole to the author
  const sent = await submit(api, api.tx.balances.transferKeepAlive(dev.charlie.address, UNIT), dev.bob, {
    options: { tip },
  });
  const split = await expectedSplit(api, sent);
  assert.equal(split.tip, tip);
  assert.ok(split.fee > 0n);
  const author = await authorOf(api, sent.blockHash);
  assert.equal(author, dev.alice.address, 'the development chain has one validator, Alice');
  assert.equal(await growth(api, sent.blockHash, author), split.toAuthor, 'the author: the tip and ⌊20 % of the fee⌋');
  assert.equal(await growth(api, sent.blockHash, treasuryAccount(api)), split.toTreasury, 'the treasury: the rest');
  assert.equal(split.toAuthor + split.toTreasury, split.fee + split.tip, 'nothing created or lost');
  figure('fee of a transfer (without tip)', Number(split.fee) / 1e18, 'OPEN');
  figure("the author's part of that fee", Number(split.toAuthor - split.tip) / 1e18, 'OPEN');
  // What a block full of such transfers pays its author: as many as the normal class's
  // weight allows (the chain's own limits and the transfer's own weight).
  const info = await api.tx.balances.transferKeepAlive(dev.charlie.address, UNIT).paymentInfo(dev.bob);
  const limits = api.consts.system.blockWeights;
  const perTransfer = info.weight.refTime.toBigInt() + limits.perClass.normal.baseExtrinsic.refTime.toBigInt();
  const room = limits.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  const transfers = room / perTransfer;
  figure('transfers in a full block', Number(transfers), 'transfers');
  figure(
    "the author's part of a full block of transfers",
    Number(transfers * (split.toAuthor - split.tip)) / 1e18,
    'OPEN',
  );
});

test('the Council (here sudo, on a development chain) sets the authors share', async () => {
  const setShare = (parts) => api.tx.sudo.sudo(api.tx.validatorSet.setAuthorFeeShare(parts));
  const set = await submit(api, setShare(500_000_000), dev.alice);
  assert.equal(findEvent(set.events, 'validatorSet', 'AuthorFeeShareSet').data.share.toNumber(), 500_000_000);
  const sent = await submit(api, api.tx.system.remark('0x00'), dev.bob);
  const split = await expectedSplit(api, sent);
  assert.equal(split.share, 500_000_000n);
  assert.equal(await growth(api, sent.blockHash, dev.alice.address), split.toAuthor);
  assert.equal(await growth(api, sent.blockHash, treasuryAccount(api)), split.toTreasury);
  await submit(api, setShare(200_000_000), dev.alice);
});

/** The metadata hash a hardware wallet computes: RFC 78's merkleized metadata of OPEN, 18. */
async function metadataHash({ tokenSymbol = 'OPEN', decimals = 18 } = {}) {
  const metadata = (await api.call.metadata.metadataAtVersion(15)).unwrap();
  return u8aToHex(merkleizeMetadata(metadata.toU8a(true), { tokenSymbol, decimals }).digest());
}

test('a transaction signed with the metadata hash (CheckMetadataHash mode 1) is accepted', async () => {
  const hash = await metadataHash();
  const sent = await submit(api, api.tx.system.remarkWithEvent('0x6c6564676572'), dev.bob, {
    options: { mode: 1, metadataHash: hash },
  });
  findEvent(sent.events, 'system', 'Remarked');
  const block = await api.rpc.chain.getBlock(sent.blockHash);
  const extrinsic = block.block.extrinsics.find((x) => x.isSigned && x.signer.toString() === dev.bob.address);
  assert.equal(extrinsic.mode.toNumber(), 1, 'the extrinsic says the hash was checked');
});

test('a wrong metadata hash is refused: the chain does not sign off on what the wallet showed', async () => {
  const remark = () => api.tx.system.remark('0x00');
  const refused = async (metadataHash) =>
    assert.rejects(
      submit(api, remark(), dev.bob, { options: { mode: 1, metadataHash } }),
      /bad signature/i,
      'refused when validated',
    );
  const hash = await metadataHash();
  await refused(`0x${(hash.slice(2, 4) === '00' ? '01' : '00') + hash.slice(4)}`);
  // The hash covers the token too: a wallet told the token is DOT with 10 decimals differs.
  await refused(await metadataHash({ tokenSymbol: 'DOT', decimals: 10 }));
  // Mode 1 without a hash claims nothing the chain can match.
  await assert.rejects(submit(api, remark(), dev.bob, { options: { mode: 1 } }), /bad signature/i);
  // Nothing was charged for the refused ones: Bob's nonce is where it was.
  const before = (await api.query.system.account(dev.bob.address)).nonce.toNumber();
  await submit(api, remark(), dev.bob);
  assert.equal((await api.query.system.account(dev.bob.address)).nonce.toNumber(), before + 1);
});
