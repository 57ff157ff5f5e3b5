#!/usr/bin/env node
// A Council motion from start to end, as docs/governance.md walks through it: on a
// development chain (Council: Alice, Bob, Charlie; decisions enacted 5 blocks later), Alice
// proposes that the protocol's share of every fee becomes PERCENT%, Alice and Bob vote aye,
// Alice closes the motion, and the chain enacts it after the delay.
//
//   npm ci && node scripts/examples/council-motion.mjs [ws://127.0.0.1:9944] [percent]
//
// (The parts must still sum to at most 100%: with the default parameters, at most 5%.)
//
// On a chain that seals a block only per transaction (`--sealing instant`), it sends a
// remark per block it waits for.

import { definitions } from '@openledger/api';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { enactAfterDelay, enacted } from '../lib/governance.js';
import { errorName, submit } from '../lib/tx.js';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const percent = Number(process.argv[3] ?? 4);

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, ...definitions });
try {
  const keyring = new Keyring({ type: 'sr25519' });
  const [alice, bob, eve] = ['//Alice', '//Bob', '//Eve'].map((uri) => keyring.addFromUri(uri));

  // 1. The decision: a new protocol share (parts per billion), the other parameters as they are.
  const params = { ...(await api.query.attribution.params()).toJSON(), protocolShare: percent * 10_000_000 };
  const call = api.tx.attribution.setParams(params);
  console.log(`motion: governance.enact(attribution.setParams(protocolShare: ${percent}%))`);

  // 2-4. Alice proposes it (threshold 2 of 3), Alice and Bob vote aye, Alice closes it.
  const scheduled = await enactAfterDelay(api, call, [alice, bob]);
  const now = (await api.rpc.chain.getHeader()).number.toNumber();
  console.log(`closed at block ${now}: enactment ${scheduled.index} scheduled for block ${scheduled.at}`);

  // 5. The chain dispatches it as Root at block `at`.
  const nudge = () => submit(api, api.tx.system.remark('0x00'), eve);
  const { result, block } = await enacted(api, scheduled, nudge);
  if (result.isErr) throw new Error(`the enactment failed: ${errorName(api, result.asErr)}`);
  const share = (await api.query.attribution.params()).protocolShare.toNumber();
  console.log(`enacted at block ${block}: the protocol share is ${share / 10_000_000}%`);
} finally {
  await api.disconnect();
}
