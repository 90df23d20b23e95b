/** The WHERE clause of a statement whose conditions depend on the request, with numbered parameters. */
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** The placeholder of a new parameter holding `value`. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** This clause, past `afterId` in id order, and `limit` rows: one page of a keyset-paged list. */
  page(afterId: string | null, limit: number): string {
    if (afterId !== null) this.and(`id > ${this.param(afterId)}`);
    return `${this.toString()} ORDER BY id LIMIT ${this.param(limit)}`;
  }

  toString(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }
}
