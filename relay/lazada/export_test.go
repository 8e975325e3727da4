package lazada

// Payload exposes the XML payload builder to the external tests.
var Payload = payload
