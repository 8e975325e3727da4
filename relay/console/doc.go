// Package console is the seller's web console that the relay serves under
// /console/: the master stock of every SKU with what each channel offers
// and was last told, a SKU's audit trail with a chart of its on hand, and
// the gateways, channels and relay instances.
//
// # Pages
//
// Pages are rendered on the server with html/template from embedded
// templates and one small stylesheet; they work without JavaScript. One
// small script (static/live.js) opens GET /console/events, a stream of
// server-sent events, and replaces the rows and tables that changed in
// place, so a receipt at a gateway or a marketplace sale shows without a
// reload. The stream polls [Source.Version] and sends at most one update
// per coalescing period (250 ms by default), however many commits land.
//
// # Authentication
//
// Everything under /console/ except the login page and the static files
// needs a session or a bearer token (see [Auth]). A session is a cookie
// signed with HMAC-SHA256 (HttpOnly, SameSite=Strict, Secure over TLS)
// that names the user and its expiry; logging out revokes it. Failed
// logins answer one generic error, take as long for an unknown user as
// for a wrong password, and are limited per client address. No password,
// hash, token or cookie value is ever logged or shown.
package console
