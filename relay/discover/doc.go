// Package discover builds the mapping file from what the channels list:
// it reads every listing of every configured channel, matches each
// listing's seller SKU against the catalog (our SKUs) and writes the
// mapping rows in the format relay/stock.ParseMapping reads.
//
// # Matching
//
// [Match] pairs a catalog SKU with every listing of a channel whose
// seller SKU equals it (both trimmed; case matters, as it does for the
// marketplaces). A listing stocked at several locations gives one row per
// location. The [Report] says, per channel, how many catalog SKUs were
// matched and what could not be:
//   - unknown: listings whose seller SKU is not in the catalog;
//   - missing: catalog SKUs with no listing on the channel;
//   - duplicates: one seller SKU on two listings (item, variant) of a
//     channel; neither is mapped, since pushing the same stock to both
//     would sell it twice;
//   - blank: listings without a seller SKU;
//   - unstocked: Shopify variants stocked at no location.
//
// # Drift
//
// [Compare] diffs a discovered mapping with the loaded one, by listing
// (channel, item, variant, location): added, removed and changed rows
// (same listing, another SKU, site or seller SKU). [Drift] repeats the
// discovery on a period and keeps the last [Check] for the status page;
// it never changes the loaded mapping.
package discover
