// Package migrations embeds the versioned SQL of every owner: one folder per
// module (catalog/, inventory/, …) and jubako/ for the platform's own tables
// (outbox, inbox, sagas). Each folder is applied with its own version table.
package migrations

import (
	"embed"
	"io/fs"

	"github.com/jubako/jubako/platform/db"
)

//go:embed */*.sql
var files embed.FS

// For returns the migrations of one owner.
func For(owner string) db.Migration {
	sub, err := fs.Sub(files, owner)
	if err != nil {
		panic(err)
	}
	return db.Migration{Owner: owner, FS: sub}
}
