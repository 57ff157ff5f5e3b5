// Pieces every view uses: links to accounts, hashes, user-written text, paging.

import { exactly, open } from '../chain';
import { h } from '../dom';

/** A long hash or address shortened for reading; the whole value is its title. */
export function short(value: string): string {
  return value.length > 16 ? `${value.slice(0, 8)}…${value.slice(-6)}` : value;
}

/** A link to an account's page. */
export function accountLink(address: string): HTMLAnchorElement {
  return h(
    'a',
    { href: `#/account/${address}`, title: address, class: 'account', 'data-address': address },
    short(address),
  );
}

/** A hash, shortened, whole in its title. */
export function hash(value: string): HTMLElement {
  return h('code', { title: value }, short(value));
}

/** What a user wrote (metadata, a license): text, or its bytes in hex when it is not UTF-8. */
export function text(value: string): HTMLElement {
  if (value === '') return h('span', { class: 'muted' }, '(none)');
  if (value.startsWith('0x')) return h('code', { title: 'not UTF-8 text: its bytes in hex' }, short(value));
  return h('span', { class: 'user-text' }, value);
}

/** A link to the next page of a list. */
export function nextLink(href: string): HTMLElement {
  return h('p', {}, h('a', { href, class: 'next' }, 'Next page →'));
}

/**
 * A page request: the first page has no `start`; a later one starts at the previous page's
 * `next`, which is a cursor (for some lists the id after which to go on), not an offset.
 */
export function pageFrom(start: number | null, limit: number): { start?: number; limit: number } {
  return start === null ? { limit } : { start, limit };
}

/** An amount for people (4 decimals), its exact value in its title (shown on hover). */
export function tokens(value: string | bigint): HTMLElement {
  return h('span', { class: 'amount', title: exactly(value) }, open(value));
}
