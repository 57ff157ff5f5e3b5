// The page's connection to a node, through @openledger/api's definitions of the custom RPC
// methods, and the accounts it can sign with.

import { type Answers, answer, definitions, formatAmount } from '@openledger/api';
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { Signer } from '@polkadot/api/types';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** The node's WebSocket address: `?rpc=ws://…` in the page's address, else port 9944 of its host. */
export const nodeUrl: string =
  new URLSearchParams(location.search).get('rpc') ?? `ws://${location.hostname || '127.0.0.1'}:9944`;

/** What the status line says about the connection. */
export type Connection = { kind: 'connecting' } | { kind: 'down' } | { kind: 'up'; block: number; chain: string };

/**
 * Connects to the node, retrying every 2 s while it is down (the page says so through
 * `onChange`); resolves once connected. `onBlock` is called with every new best block.
 */
export async function connect(onChange: (connection: Connection) => void, onBlock: () => void): Promise<ApiPromise> {
  onChange({ kind: 'connecting' });
  const provider = new WsProvider(nodeUrl, 2_000);
  provider.on('error', () => onChange({ kind: 'down' }));
  provider.on('disconnected', () => onChange({ kind: 'down' }));
  const api = await ApiPromise.create({ provider, noInitWarn: true, ...definitions });
  const chain = (await api.rpc.system.chain()).toString();
  await api.rpc.chain.subscribeNewHeads((header) => {
    onChange({ kind: 'up', block: header.number.toNumber(), chain });
    onBlock();
  });
  return api;
}

/**
 * A custom method's answer as its JSON type; an error answer throws an Error with the node's
 * message ("record 7 not found"), without polkadot.js's "-32001: " prefix.
 */
export async function read<M extends keyof Answers>(call: Promise<unknown>): Promise<Answers[M]> {
  try {
    return answer<Answers[M]>((await call) as Parameters<typeof answer>[0]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replace(/^-?\d+: /, ''));
  }
}

/** Whether `error` is the node's "… not found" answer. */
export const isNotFound = (error: unknown): boolean => error instanceof Error && / not found$/.test(error.message);

/** An amount for people, in OPEN: rounded half up to 4 decimals (`formatAmount`). */
export const open = (value: string | bigint): string => formatAmount(value);

/** An amount with every digit, no rounding: what `open` rounded, on demand. */
export const exactly = (value: string | bigint): string => formatAmount(value, { exact: true });

/** An account the page can sign for, and how. */
export interface Account {
  address: string;
  name: string;
  source: 'development' | 'extension';
  sign: { pair: KeyringPair } | { signer: Signer };
}

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/**
 * The accounts the page can sign for: those a browser wallet extension shares with it, and
 * on a development or local chain (whose well-known keys are public) the development
 * accounts //Alice … //Ferdie.
 */
export async function signingAccounts(api: ApiPromise): Promise<Account[]> {
  const accounts: Account[] = [];
  const chainType = await api.rpc.system.chainType();
  if (chainType.isDevelopment || chainType.isLocal) {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 ?? 42 });
    for (const name of DEV_NAMES) {
      const pair = keyring.addFromUri(`//${name}`, { name });
      accounts.push({ address: pair.address, name, source: 'development', sign: { pair } });
    }
  }
  // The extension's accounts, when one is installed and the user lets the page see them.
  const extensionDapp = await import('@polkadot/extension-dapp');
  const extensions = await extensionDapp.web3Enable('OpenLedger Chain');
  if (extensions.length > 0) {
    for (const injected of await extensionDapp.web3Accounts({ ss58Format: 42 })) {
      const { signer } = await extensionDapp.web3FromSource(injected.meta.source);
      accounts.push({
        address: injected.address,
        name: injected.meta.name ?? injected.meta.source,
        source: 'extension',
        sign: { signer },
      });
    }
  }
  return accounts;
}
