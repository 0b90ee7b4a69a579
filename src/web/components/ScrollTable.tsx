// A table that never widens the page: on a narrow screen (a phone at 390 px) it scrolls sideways inside its own box
// while the page keeps its width. Every table of the workspace goes through ScrollTable or ScrollBox (issue 18).
import { useEffect, useRef, useState } from 'react';
import { Table, type TableProps, type TableScrollContainerProps } from '@mantine/core';

/** Table.ScrollContainer whose box, while it scrolls, takes the keyboard focus (so it can be scrolled without a mouse). */
export function ScrollBox({ minWidth = 0, ...props }: Omit<TableScrollContainerProps, 'minWidth'> & { minWidth?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    check();
    return () => observer.disconnect();
  }, []);
  return (
    <Table.ScrollContainer
      ref={box}
      type="native"
      minWidth={minWidth}
      tabIndex={scrolls ? 0 : undefined}
      data-scrolls={scrolls || undefined}
      {...props}
    />
  );
}

export interface ScrollTableProps extends TableProps {
  /** The width under which the table scrolls instead of squeezing its columns (default: its content's width). */
  minWidth?: number;
}

export function ScrollTable({ minWidth = 0, ...props }: ScrollTableProps) {
  return (
    <ScrollBox minWidth={minWidth}>
      <Table {...props} />
    </ScrollBox>
  );
}
