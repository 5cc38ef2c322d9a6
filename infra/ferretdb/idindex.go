package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	// The SQLite driver FerretDB itself uses (registered as "sqlite").
	_ "modernc.org/sqlite"
)

// FerretDB 1.24's SQLite backend finds a document by _id with `WHERE _ferretdb_sjson->'$._id' = ?` (finds, and the
// updates and deletes that select their documents the same way), but it builds the _id index on
// `_ferretdb_sjson->"_id"`. SQLite uses an index on an expression only for that same expression, so every lookup
// by _id reads the whole table: the cost of each command grows with the collection (a profile of a 3,500-participant
// collection showed most of the server's time in SQLite parsing every row's JSON).
//
// So this program adds to every collection's table an index on exactly the expression FerretDB queries with.
// FerretDB keeps its own list of indexes in its metadata and never sees this one; dropping a collection drops its
// table and the index with it. Collections are created while the server runs, so the tables are looked at again
// every second; a table already indexed costs one read of the schema.

const idLookupIndexSuffix = "_zhas_id_lookup"

func maintainIDIndexes(ctx context.Context, dir string, logger *slog.Logger) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()

	// When each database was last found with every table indexed: one not written since has no new table.
	indexedAt := map[string]time.Time{}

	for {
		files, err := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		if err != nil {
			logger.Warn("listing databases for _id indexes", "err", err)
		}

		for _, file := range files {
			if seen, ok := indexedAt[file]; ok && !lastWrite(file).After(seen) {
				continue
			}

			// File times come from a coarse clock: a table created just after this check could carry a time a
			// little before it. Counting the check a second earlier looks at recently written databases again.
			checkedAt := time.Now().Add(-time.Second)

			if err := indexDatabase(ctx, file, logger); err != nil {
				// A database dropped or busy at that moment: tried again on the next tick.
				if ctx.Err() == nil {
					logger.Debug("adding _id indexes", "database", filepath.Base(file), "err", err)
				}

				delete(indexedAt, file)

				continue
			}

			indexedAt[file] = checkedAt
		}

		for file := range indexedAt {
			if !slices.Contains(files, file) {
				delete(indexedAt, file) // dropped
			}
		}

		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// lastWrite is when the database or its write-ahead log was last changed (new tables land in the log first).
func lastWrite(file string) time.Time {
	var latest time.Time

	for _, name := range []string{file, file + "-wal"} {
		if info, err := os.Stat(name); err == nil && info.ModTime().After(latest) {
			latest = info.ModTime()
		}
	}

	return latest
}

func indexDatabase(ctx context.Context, file string, logger *slog.Logger) error {
	// No `mode=rwc`: a database FerretDB has just dropped is not created again here.
	uri := (&url.URL{Scheme: "file", Path: file, RawQuery: "mode=rw&_pragma=busy_timeout(10000)"}).String()

	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return err
	}
	defer db.Close()

	db.SetMaxOpenConns(1)

	missing, err := tablesWithoutIDIndex(ctx, db)
	if err != nil {
		return err
	}

	for _, table := range missing {
		q := fmt.Sprintf(
			`CREATE INDEX IF NOT EXISTS %s ON %s (_ferretdb_sjson->'$._id')`,
			quoteIdentifier(table+idLookupIndexSuffix),
			quoteIdentifier(table),
		)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}

		logger.Info("added the _id lookup index", "database", filepath.Base(file), "table", table)
	}

	return nil
}

func tablesWithoutIDIndex(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || ?)
		  AND EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'table' AND t.name = c.table_name)`,
		idLookupIndexSuffix,
	)
	if err != nil {
		return nil, err
	}
	defer rows.Close()

	var tables []string

	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			return nil, err
		}

		tables = append(tables, table)
	}

	return tables, rows.Err()
}

func quoteIdentifier(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
