#!/usr/bin/env node
// Becoming a validator with nobody's permission, as docs/validator.md walks through it: the
// operator's own node makes session keys bound to the operator's account, the account
// registers them and holds the candidacy bond, and, one to two sessions later, the node is in
// the set. On a development or local chain a FUNDER (default //Alice) pays the operator the
// bond first; on a real network, fund the account yourself and pass --no-fund.
//
//   node scripts/examples/become-validator.mjs <chain ws url> <your node's rpc port> \
//        [operator seed, default //Candidate] [--no-fund]
//
// e.g. with scripts/local-net.sh running and a fifth node started on RPC port 9990:
//   node scripts/examples/become-validator.mjs ws://127.0.0.1:9944 9990 //Candidate
//
// It prints each step and exits 0 once the node's account is in the session's validators.

import { definitions } from '@openledger/api';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { rpc, until } from '../lib/node.js';
import { findEvent, submit } from '../lib/tx.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const fund = !process.argv.includes('--no-fund');
const [url, nodeRpcPort, seed = '//Candidate'] = args;
if (!url || !nodeRpcPort) {
  console.error('usage: become-validator.mjs <chain ws url> <your node rpc port> [seed] [--no-fund]');
  process.exit(2);
}
const UNIT = 10n ** 18n;
const open = (amount) => `${Number(amount / 10n ** 15n) / 1000} OPEN`;

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, ...definitions });
try {
  const keyring = new Keyring({ type: 'sr25519' });
  const operator = keyring.addFromUri(seed);
  const bond = (await api.query.validatorSet.candidacyBond()).toBigInt();
  console.log(`operator ${operator.address}; the candidacy bond is ${open(bond)}`);

  // 1. Funds for the bond and the fees (a development or local chain's //Alice pays).
  if (fund) {
    const funder = keyring.addFromUri(process.env.FUNDER ?? '//Alice');
    await submit(api, api.tx.balances.transferKeepAlive(operator.address, bond + 10n * UNIT), funder);
    console.log(`funded with ${open(bond + 10n * UNIT)} by ${funder.address}`);
  }

  // 2. Session keys, made in the operator's own node and bound to the operator's account.
  const { keys, proof } = await rpc(Number(nodeRpcPort), 'author_rotateKeysWithOwner', [u8aToHex(operator.addressRaw)]);
  await submit(api, api.tx.session.setKeys(keys, proof), operator);
  console.log(`session keys registered: ${keys}`);

  // 3. The bond: the account becomes a candidate.
  const registered = await submit(api, api.tx.validatorSet.registerCandidate(bond), operator);
  const event = findEvent(registered.events, 'validatorSet', 'CandidateRegistered');
  console.log(`candidate with a bond of ${open(event.data.bond.toBigInt())}`);

  // 4. One to two sessions later, the node validates.
  await until(
    'the account in the session validators',
    async () => (await api.query.session.validators()).map(String).includes(operator.address),
    600_000,
    2_000,
  );
  console.log(`validating from session ${(await api.query.session.currentIndex()).toNumber()}`);
} catch (error) {
  // A refused call says which error, e.g. `validatorSet.BondTooLow: The bond is below …`.
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await api.disconnect();
}
