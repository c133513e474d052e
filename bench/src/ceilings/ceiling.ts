/** What this machine does with no Herald code in the way: the yardstick for Herald's figures. */
export interface Ceiling {
  readonly name: string;
  readonly title: string;
  readonly perSecond: number;
  readonly unit: string;
  readonly detail: Readonly<Record<string, number | string | null>>;
}
