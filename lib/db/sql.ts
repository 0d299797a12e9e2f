import { dbProvider, type Db } from "./client";
import type { Provider } from "./config";

/**
 * Raw SQL with named parameters. A statement is written once per provider (or once for both) with `:name`
 * placeholders and typed by the values it takes; binding turns the names into PostgreSQL's `$1` (a name used twice
 * is one parameter) or SQLite's `?` (repeated), and dates into what each provider compares (SQLite: Unix ms).
 */

export type SqlValue = string | number | boolean | Date | null;

type Params = Record<string, SqlValue>;

/** A statement taking the parameters `P` and returning rows `R`; `text` is per provider when the two differ. */
export type Statement<P extends Params, R = never> = {
  readonly text: string | { readonly [K in Provider]: string };
  /** Never set: they carry `P` and `R` for the compiler. */
  readonly params?: P;
  readonly row?: R;
};

export function statement<P extends Params, R = never>(text: Statement<P, R>["text"]): Statement<P, R> {
  return { text };
}

// `:name`, but not the second colon of a PostgreSQL cast (`$1::timestamp`) nor a word that merely contains a colon.
const PLACEHOLDER = /(?<![:\w]):([A-Za-z_]\w*)/g;

type Compiled = { text: string; names: string[] };
const compiled = new WeakMap<object, Partial<Record<Provider, Compiled>>>();

function compile(source: string, provider: Provider): Compiled {
  const names: string[] = [];
  const text = source.replace(PLACEHOLDER, (_match, name: string) => {
    if (provider === "sqlite") {
      names.push(name);
      return "?";
    }
    let index = names.indexOf(name);
    if (index === -1) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, names };
}

/** The statement's text for `provider` and its values in placeholder order; a missing or unknown name throws. */
export function bind<P extends Params>(
  stmt: Statement<P, unknown>,
  params: P,
  provider: Provider = dbProvider(),
): { text: string; values: SqlValue[] } {
  const cache = compiled.get(stmt) ?? {};
  compiled.set(stmt, cache);
  const { text, names } = (cache[provider] ??= compile(
    typeof stmt.text === "string" ? stmt.text : stmt.text[provider],
    provider,
  ));
  for (const name of Object.keys(params))
    if (!names.includes(name)) throw new Error(`SQL parameter :${name} is not in the statement`);
  const values = names.map((name) => {
    if (!(name in params)) throw new Error(`SQL parameter :${name} has no value`);
    const value = params[name];
    return value instanceof Date && provider === "sqlite" ? value.getTime() : value;
  });
  return { text, values };
}

/** Where a statement runs: the client, or an interactive transaction's (`db.$transaction(async (tx) => …)`). */
type Runner = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** Rows of a statement (a PrismaPromise, so it can go into `db.$transaction([...])`). */
export function queryRows<P extends Params, R>(db: Runner, stmt: Statement<P, R>, params: P) {
  const { text, values } = bind(stmt, params);
  return db.$queryRawUnsafe<R[]>(text, ...values);
}

/** Runs a statement; resolves to the number of rows it changed. */
export function execute<P extends Params>(db: Runner, stmt: Statement<P, unknown>, params: P) {
  const { text, values } = bind(stmt, params);
  return db.$executeRawUnsafe(text, ...values);
}
