package db

import (
	"context"
	"log/slog"
	"time"

	"gorm.io/gorm/logger"
)

// newLogger logs slow queries through slog, without their parameters
// (they may hold personal data). Failed queries are not logged here: the
// error travels up to whoever handles it (a unique-key race is an answer,
// not an incident) and is logged once, at the edge.
func newLogger(log *slog.Logger, slow time.Duration) logger.Interface {
	return slowOnly{Interface: logger.NewSlogLogger(log.With("component", "db"), logger.Config{
		SlowThreshold: slow,
		LogLevel:      logger.Warn,
	}), slow: slow, level: logger.Warn}
}

// slowOnly hands gorm's logger only the queries it will log (gorm's formats
// every query's SQL before deciding, a cost paid by every query otherwise),
// and their SQL without parameters.
type slowOnly struct {
	logger.Interface
	slow  time.Duration
	level logger.LogLevel
}

func (l slowOnly) LogMode(level logger.LogLevel) logger.Interface {
	return slowOnly{Interface: l.Interface.LogMode(level), slow: l.slow, level: level}
}

func (l slowOnly) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), _ error) {
	if l.level >= logger.Info || (l.level >= logger.Warn && l.slow > 0 && time.Since(begin) > l.slow) {
		l.Interface.Trace(ctx, begin, fc, nil)
	}
}

// ParamsFilter leaves the parameters out of the SQL gorm logs.
func (slowOnly) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}

// Scan records its query with a logger of gorm's own before handing it to
// ours; this keeps the parameters out of that record too.
func init() { logger.RecorderParamsFilter = slowOnly{}.ParamsFilter }
