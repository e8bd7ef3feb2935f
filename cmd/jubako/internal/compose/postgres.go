package compose

import (
	"fmt"
	"strings"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// postgresUser owns every database of the topology.
const postgresUser = "jubako"

// addPostgres adds the PostgreSQL servers of p: one named postgres whose
// first start creates a database per service (postgres: shared), or one
// per service, postgres-<service> (postgres: per-service).
func addPostgres(f *File, p *topology.Plan) {
	if p.Postgres == topology.PostgresPerService {
		for _, s := range p.Services {
			f.Services[postgresOf(p, s)] = postgres(p.Database(s), "pgdata-"+s.Name)
			f.Volumes["pgdata-"+s.Name] = Volume{}
		}
		return
	}
	var create []string
	for _, s := range p.Services {
		create = append(create, fmt.Sprintf("CREATE DATABASE %s OWNER %s;", p.Database(s), postgresUser))
	}
	f.Configs = map[string]Config{"create-databases": {Content: strings.Join(create, "\n") + "\n"}}
	pg := postgres("postgres", "pgdata")
	pg.Configs = []ConfigRef{{Source: "create-databases", Target: "/docker-entrypoint-initdb.d/jubako.sql"}}
	f.Services["postgres"] = pg
	f.Volumes["pgdata"] = Volume{}
}

// postgres is a server whose first start creates database.
func postgres(database, volume string) Service {
	return Service{
		Image:   "postgres:17-alpine",
		Restart: "unless-stopped",
		Environment: map[string]string{"POSTGRES_USER": postgresUser, "POSTGRES_DB": database,
			"POSTGRES_PASSWORD": required(EnvPostgresPass)},
		Volumes: []string{volume + ":/var/lib/postgresql/data"},
		Healthcheck: &Healthcheck{Test: []string{"CMD", "pg_isready", "-U", postgresUser, "-d", database},
			Interval: "2s", Retries: 30},
	}
}

// postgresOf names the server holding service s's database.
func postgresOf(p *topology.Plan, s topology.Service) string {
	if p.Postgres == topology.PostgresPerService {
		return "postgres-" + s.Name
	}
	return "postgres"
}

// dsn is service s's database URL inside the compose network.
func dsn(p *topology.Plan, s topology.Service) string {
	return fmt.Sprintf("postgres://%s:%s@%s:5432/%s?sslmode=disable",
		postgresUser, required(EnvPostgresPass), postgresOf(p, s), p.Database(s))
}
