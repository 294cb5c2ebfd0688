// "?": every Pack-screen action and its key.
import { Dialog } from './Dialog';

export const SHORTCUTS: [string, string][] = [
  ['Scan an order', 'open it (from anywhere)'],
  ['Scan an item', 'one unit into the box'],
  ['× or digits, then Enter', 'set how many of the scanned item are in the box'],
  ['Scan a tracking label', 'fill tracking number and carrier'],
  ['1 – 9', 'choose a carrier when the number fits several'],
  ['Enter', 'ship the box (twice for a partial package)'],
  ['↑ / ↓', 'select a line'],
  ['+ / −', 'one more / one less of the selected line'],
  ['E', 'empty the box'],
  ['L', 'learn an unknown code as the selected line’s SKU'],
  ['T', 'type the tracking number'],
  ['K', 'choose the carrier'],
  ['C', 'cancel lines'],
  ['F', 'fix a mistake (change or delete a shipment or cancellation)'],
  ['R', 'read the order from FeedAMP again'],
  ['N or Esc', 'next order (back to the list)'],
  ['?', 'this list'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts" aria-label="Shortcuts">
        <tbody>
          {SHORTCUTS.map(([key, what]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
