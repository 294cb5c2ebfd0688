// The print page's own bridge client: the three calls it makes, each answer checked with the
// printing schemas alone. The app's client (renderer/bridge) loads the whole contract — every
// method's zod schema — which is most of the print page's JavaScript and none of its work.
import { z } from 'zod';
import { HTTP_CALL_PREFIX, SECRET_HEADER } from '../../preload/channels';
import { marginsSchema, PAGE_SIZES, printingMethods } from '../../preload/api/printing';

/** A refusal from main, in the one sentence the packer reads. */
export class PrintBridgeError extends Error {}

const replySchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/** Where browser mode's app page keeps the per-launch secret (renderer/bridge/http-transport). */
const SECRET_KEY = 'packline.secret';

interface Transport {
  invoke: (method: string, input: unknown) => Promise<unknown>;
}

function transport(): Transport {
  const electron = (window as { packline?: Transport }).packline;
  if (electron) return electron;
  const secret =
    new URLSearchParams(window.location.hash.slice(1)).get('secret') ??
    sessionStorage.getItem(SECRET_KEY) ??
    '';
  return {
    async invoke(method, input) {
      const res = await fetch(HTTP_CALL_PREFIX + encodeURIComponent(method), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
        body: JSON.stringify(input),
      });
      return (await res.json()) as unknown;
    },
  };
}

async function call<T>(method: string, input: unknown, result: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await transport().invoke(method, input);
  } catch {
    throw new PrintBridgeError('Packline stopped answering; restart it and reload this page.');
  }
  const reply = replySchema.safeParse(raw);
  if (!reply.success)
    throw new PrintBridgeError('Packline sent an answer this page does not understand.');
  if (!reply.data.ok) throw new PrintBridgeError(reply.data.error.message);
  return result.parse(reply.data.result);
}

type OrderChoice = z.input<(typeof printingMethods)['printing.pickList']['input']>;

export const printBridge = {
  pickList: (choice: OrderChoice) =>
    call('printing.pickList', choice, printingMethods['printing.pickList'].result),
  packingSlips: (orderIds: string[]) =>
    call('printing.packingSlips', { orderIds }, printingMethods['printing.packingSlips'].result),
  /** Only the paper part of the settings: the rest of them is not this page's to check. */
  paper: () =>
    call(
      'settings.get',
      {},
      z.object({ printing: z.object({ pageSize: z.enum(PAGE_SIZES), margins: marginsSchema }) }),
    ).then((s) => s.printing),
};
