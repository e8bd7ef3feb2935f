//go:build !split_notification

package main

import notificationlocal "github.com/jubako/jubako/modules/notification/local"

func init() { modules = append(modules, notificationlocal.Module) }
