package bus

import "github.com/hibiken/asynq"

var _ = asynq.NewClient
