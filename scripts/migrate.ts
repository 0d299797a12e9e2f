// `npm run db:migrate`: applies pending migrations to DATABASE_URL (SQLite file by default).
import { migrate } from "../lib/db/migrate";

migrate()
  .then((applied) => console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date."))
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
