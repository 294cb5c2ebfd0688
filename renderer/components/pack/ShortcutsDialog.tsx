// "?": every key the station answers to, on every screen. Grouped in columns so the whole list
// fits a 768-pixel-high screen without scrolling.
import { Dialog } from './Dialog';

const ANYWHERE_SHORTCUTS: [string, string][] = [
  ['Scan an order', 'open it (from any screen)'],
  ['Scan a pick list’s wave barcode', 'pack its orders one after another'],
  ['W', 'wave summary (while a wave runs)'],
  ['?', 'this list'],
  ['Esc', 'close a dialog or this list'],
  ['Tab / Shift+Tab', 'move between controls'],
];

const ORDERS_SHORTCUTS: [string, string][] = [
  ['↑ / ↓', 'move in the Orders list'],
  ['Page Up / Down', 'a screenful up or down'],
  ['Home / End', 'first / last order'],
  ['Enter', 'open the order'],
];

const SHORTCUTS: [string, string][] = [
  ['Scan an item', 'one unit into the box'],
  ['× or digits, then Enter', 'set how many of the scanned item are in the box'],
  ['Scan a tracking label', 'fill tracking number and carrier'],
  ['1 – 9', 'choose a carrier when the number fits several'],
  ['Enter', 'ship the box (twice for a partial package)'],
  ['↑ / ↓', 'select a line'],
  ['+ / −', 'one more / one less of the selected line'],
  ['E', 'empty the box'],
  ['Digits, L', 'learn an unknown code as the line’s SKU (digits: a case of that many)'],
  ['T', 'type the tracking number'],
  ['K', 'choose the carrier'],
  ['C', 'cancel lines'],
  ['F', 'fix a mistake (change or delete a shipment or cancellation)'],
  ['R', 'read the order from FeedAMP again'],
  ['N or Esc', 'next order (back to the list)'],
];

function Group({ title, rows }: { title: string; rows: [string, string][] }) {
  return (
    <table className="shortcuts" aria-label={title}>
      <caption>{title}</caption>
      <tbody>
        {rows.map(([key, what]) => (
          <tr key={key}>
            <th scope="row">
              <kbd>{key}</kbd>
            </th>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcuts-dialog">
      <div className="shortcut-groups">
        <Group title="Pack screen" rows={SHORTCUTS} />
        <div>
          <Group title="Anywhere" rows={ANYWHERE_SHORTCUTS} />
          <Group title="Orders list" rows={ORDERS_SHORTCUTS} />
        </div>
      </div>
    </Dialog>
  );
}
