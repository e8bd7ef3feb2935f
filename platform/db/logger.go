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
	return slowOnly{logger.NewSlogLogger(log.With("component", "db"), logger.Config{
		SlowThreshold:        slow,
		LogLevel:             logger.Warn,
		ParameterizedQueries: true,
	})}
}

type slowOnly struct{ logger.Interface }

func (l slowOnly) LogMode(level logger.LogLevel) logger.Interface {
	return slowOnly{l.Interface.LogMode(level)}
}

func (l slowOnly) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), _ error) {
	l.Interface.Trace(ctx, begin, fc, nil)
}
