package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

// newDatabase creates a SQLite file laid out as FerretDB 1.24 lays out a database: its metadata table and one
// table per collection, with FerretDB's own _id index (on `_ferretdb_sjson->"_id"`).
func newDatabase(t testing.TB, documents int) (string, *sql.DB) {
	t.Helper()

	file := filepath.Join(t.TempDir(), "zhas-test.sqlite")

	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=journal_mode(wal)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })

	for _, q := range []string{
		`CREATE TABLE _ferretdb_collections (name TEXT, table_name TEXT, settings TEXT)`,
		`INSERT INTO _ferretdb_collections VALUES ('participants', 'participants_8fd01987', '{}')`,
		`CREATE TABLE participants_8fd01987 (_ferretdb_sjson TEXT NOT NULL CHECK(_ferretdb_sjson != '')) STRICT`,
		`CREATE UNIQUE INDEX participants_8fd01987__id_ ON participants_8fd01987 (_ferretdb_sjson->"_id")`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}

	for i := range documents {
		doc := fmt.Sprintf(`{"$s":{"p":{"_id":{"t":"string"}}},"_id":"p-%06d","region":"akmola"}`, i)
		if _, err := db.Exec(`INSERT INTO participants_8fd01987 VALUES (?)`, doc); err != nil {
			t.Fatal(err)
		}
	}

	return file, db
}

// lookupPlan is how SQLite runs FerretDB's lookup by _id.
func lookupPlan(t testing.TB, db *sql.DB) string {
	t.Helper()

	// EXPLAIN does not read the table, so it would keep a schema this connection read before another connection
	// added the index; a real read first, as FerretDB's queries do.
	if _, err := db.Exec(`SELECT count(*) FROM sqlite_master`); err != nil {
		t.Fatal(err)
	}

	rows, err := db.Query(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM participants_8fd01987 WHERE _ferretdb_sjson->'$._id' = ?`, `"p-000001"`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()

	var plan []string

	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}

		plan = append(plan, detail)
	}

	return strings.Join(plan, "; ")
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func TestLookupByIDUsesTheAddedIndex(t *testing.T) {
	file, db := newDatabase(t, 10)

	// FerretDB's own index does not serve its own lookup: the table is scanned.
	if plan := lookupPlan(t, db); !strings.Contains(plan, "SCAN participants_8fd01987") {
		t.Fatalf("expected a scan before the index is added, got %q", plan)
	}

	if err := indexDatabase(context.Background(), file, quietLogger()); err != nil {
		t.Fatal(err)
	}

	want := "SEARCH participants_8fd01987 USING INDEX participants_8fd01987" + idLookupIndexSuffix
	if plan := lookupPlan(t, db); !strings.Contains(plan, want) {
		t.Fatalf("expected %q, got %q", want, plan)
	}

	// A second pass finds nothing left to do.
	missing, err := tablesWithoutIDIndex(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}

	if len(missing) != 0 {
		t.Fatalf("expected every table indexed, still missing %v", missing)
	}
}

func TestADroppedDatabaseIsNotCreatedAgain(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "dropped.sqlite")
	if err := indexDatabase(context.Background(), missing, quietLogger()); err == nil {
		t.Fatal("expected an error for a database that does not exist")
	}

	if matches, _ := filepath.Glob(missing + "*"); len(matches) != 0 {
		t.Fatalf("expected no file created, found %v", matches)
	}
}

// BenchmarkLookupByID compares FerretDB's lookup by _id in a 5,000-document collection without and with the
// added index, in the same run (`npm run bench` prints the ratio).
func BenchmarkLookupByID(b *testing.B) {
	for _, indexed := range []bool{false, true} {
		name := "without-index"
		if indexed {
			name = "with-index"
		}

		b.Run(name, func(b *testing.B) {
			file, db := newDatabase(b, 5_000)
			if indexed {
				if err := indexDatabase(context.Background(), file, quietLogger()); err != nil {
					b.Fatal(err)
				}
			}

			b.ResetTimer()

			for i := range b.N {
				var doc string
				id := fmt.Sprintf(`"p-%06d"`, i%5_000)
				row := db.QueryRow(`SELECT _ferretdb_sjson FROM participants_8fd01987 WHERE _ferretdb_sjson->'$._id' = ?`, id)
				if err := row.Scan(&doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
