package catalog

// Config lists the catalog items. The zero Config is an empty catalog.
type Config struct {
	// Items are the sellable items, one per SKU.
	Items []Item `mapstructure:"items"`
}

// Item is one SKU and every key that identifies it.
type Item struct {
	// SKU is the seller's stock keeping unit code; required and unique.
	SKU string `mapstructure:"sku"`
	// GTINs are the item's GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN) or
	// GTIN-14 codes with their check digits; all are stored as GTIN-14.
	GTINs []string `mapstructure:"gtins"`
	// Aliases are other codes printed on labels or typed by workers.
	Aliases []string `mapstructure:"aliases"`
	// EPCPatterns are EPC URIs, TDS patterns (urn:epc:idpat:... or
	// urn:epc:pat:...) with trailing '*' fields, or plain prefixes ending
	// in '*'.
	EPCPatterns []string `mapstructure:"epc_patterns"`
	// UnitCost is the standard unit cost as a decimal string ("12.50"),
	// used to value receipts that carry no cost of their own, such as
	// an RFID portal receipt. Optional.
	UnitCost string `mapstructure:"unit_cost"`
}
