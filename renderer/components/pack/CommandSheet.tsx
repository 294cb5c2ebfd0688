// A printable sheet of command barcodes: taped to the bench, it lets the scanner alone ship a
// box, empty it and go to the next order (the Pack screen reads these codes as commands).
import { Barcode } from '../../print/barcode';
import { COMMANDS } from '../../store/pack';

const SHEET: [string, string][] = [
  [COMMANDS.ship, 'Ship this box'],
  [COMMANDS.emptyBox, 'Empty the box'],
  [COMMANDS.nextOrder, 'Next order'],
];

export function CommandSheet() {
  function print() {
    document.body.classList.add('printing-commands');
    window.addEventListener(
      'afterprint',
      () => document.body.classList.remove('printing-commands'),
      { once: true },
    );
    window.print();
  }
  return (
    <section className="card command-card" aria-labelledby="commands-title">
      <h3 id="commands-title">Command barcodes</h3>
      <p className="muted">
        Print this sheet and keep it at the bench: scanning a code does what it says on the Pack
        screen.
      </p>
      <div className="command-sheet">
        {SHEET.map(([code, label]) => (
          <Barcode key={code} value={code} heightMm={14} label={`${label} (${code})`} />
        ))}
      </div>
      <button type="button" onClick={print}>
        Print command barcodes
      </button>
    </section>
  );
}
