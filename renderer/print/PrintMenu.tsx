// Print buttons for the Orders screen: a pick list or packing slips for the orders in view
// (the current filter, at most 500), or a pick list for the next N by ship-by.
import { useState } from 'react';
import { BridgeError } from '../../preload/contract';
import { MAX_PRINT_ORDERS } from '../../preload/api/printing';
import { openPrintView, type PrintRequest } from './open';

export function PrintMenu({ orderIds }: { orderIds: readonly string[] }) {
  const [next, setNext] = useState(50);
  const [problem, setProblem] = useState<string>();
  const batch = orderIds.slice(0, MAX_PRINT_ORDERS);
  const run = (request: PrintRequest) => {
    setProblem(undefined);
    openPrintView(request)
      .then((outcome) => {
        if (outcome.via === 'browser' && !outcome.opened)
          setProblem('The browser blocked the print window; allow pop-ups for Packline.');
      })
      .catch((error: unknown) =>
        setProblem(error instanceof BridgeError ? error.message : 'Printing failed; see the log.'),
      );
  };
  return (
    <div className="print-menu" role="group" aria-label="Print">
      <button
        type="button"
        disabled={batch.length === 0}
        onClick={() => run({ kind: 'pick-list', orderIds: [...batch] })}
      >
        Print pick list ({batch.length})
      </button>
      <button
        type="button"
        disabled={batch.length === 0}
        onClick={() => run({ kind: 'packing-slips', orderIds: [...batch] })}
      >
        Print packing slips ({batch.length})
      </button>
      <label>
        <span>Next by ship-by</span>
        <input
          type="number"
          min={1}
          max={MAX_PRINT_ORDERS}
          value={next}
          onChange={(e) =>
            setNext(Math.max(1, Math.min(MAX_PRINT_ORDERS, Number(e.target.value) || 1)))
          }
        />
      </label>
      <button type="button" onClick={() => run({ kind: 'pick-list', next })}>
        Print pick list for next {next}
      </button>
      {problem && (
        <p role="alert" className="message message-error">
          {problem}
        </p>
      )}
    </div>
  );
}
