// A modal the keyboard can work: focus moves into it, Tab stays inside, Esc closes it.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export function Dialog({
  title,
  onClose,
  children,
  className = '',
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>(
      'input, select, textarea, button:not([data-close])',
    );
    (first ?? ref.current)?.focus();
    return () => before?.focus();
  }, []);
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const focusable = [
      ...ref.current.querySelectorAll<HTMLElement>(
        'input, select, textarea, button, [tabindex="0"]',
      ),
    ].filter((el) => !el.hasAttribute('disabled'));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  }
  const id = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="dialog-backdrop">
      {/* The dialog pattern: Esc closes it and Tab stays inside, whichever control has focus. */}
      {/* eslint-disable-next-line jsx-a11y-x/no-noninteractive-element-interactions */}
      <div
        ref={ref}
        className={`card dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        // Keys typed in a dialog are the dialog's: the Pack screen's shortcuts stay out.
        data-pack-dialog=""
      >
        <h3 id={id}>{title}</h3>
        {children}
        <button type="button" data-close="" className="dialog-close" onClick={onClose}>
          Close (Esc)
        </button>
      </div>
    </div>
  );
}
