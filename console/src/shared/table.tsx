import type { ReactNode } from 'react';

/**
 * A data table with its caption (read by screen readers; shown only when `showCaption`) and
 * column headers; the rows are the children.
 */
export function Table({
  caption,
  columns,
  showCaption = false,
  children,
}: {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly showCaption?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <table>
      <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
