package tiktok

import "errors"

// ErrAPI is a TikTok Shop error envelope (code ≠ 0) or per-SKU error.
var ErrAPI = errors.New("tiktok shop api error")
