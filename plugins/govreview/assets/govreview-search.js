/* govreview site search: finds every page whose text contains the query (substring recall).
 * Reads the index govreview wrote beside this file (see govreview/core/searchindex.py, which
 * this mirrors: the same folding, hash and postings). Plain JavaScript, no library, nothing
 * loaded from anywhere but this site. In Node.js it exports its matching logic for tests. */
(function () {
  "use strict";

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var VALUE = {};
  for (var a = 0; a < ALPHABET.length; a++) VALUE[ALPHABET.charAt(a)] = a;
  var SPACE = "\\t\\n\\x0b\\x0c\\r \\x85\\u1680\\u2028\\u2029";
  var WIDE = "\\u{2e80}-\\u{10ffff}";
  var SPACE_BY_WIDE = new RegExp("(?<=[" + WIDE + "])[" + SPACE + "]+|[" + SPACE + "]+(?=[" + WIDE + "])", "gu");
  var SPACES = new RegExp("[" + SPACE + "]+", "gu");
  /* Format characters (Unicode Cf), as searchindex.FORMAT_CHARS lists them */
  var INVISIBLE = new RegExp(
    "[\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u180e\\u200b-\\u200f\\u202a-\\u202e" +
      "\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb\\u{110bd}\\u{110cd}\\u{13430}-\\u{1343f}" +
      "\\u{1bca0}-\\u{1bca3}\\u{1d173}-\\u{1d17a}\\u{e0001}\\u{e0020}-\\u{e007f}]+",
    "gu"
  );
  var PER_PAGE = 20;

  /* fold: a Map of Traditional -> Simplified characters (the index's fold.json), or null */
  function normalize(text, fold) {
    var folded = text.normalize("NFKC").toLowerCase().replace(INVISIBLE, "");
    if (fold) folded = foldChars(folded, fold);
    folded = folded.replace(SPACE_BY_WIDE, "").replace(SPACES, " ");
    return folded.replace(/^ +| +$/g, "");
  }

  function foldChars(text, fold) {
    var out = "";
    for (var c of text) out += fold.get(c) || c;
    return out;
  }

  /* The table from fold.json's pairs of characters. */
  function foldTable(pairs) {
    var chars = Array.from(pairs);
    var fold = new Map();
    for (var i = 0; i + 1 < chars.length; i += 2) fold.set(chars[i], chars[i + 1]);
    return fold;
  }

  function queryTerms(query, fold) {
    var terms = [];
    query.split(SPACES).forEach(function (part) {
      normalize(part, fold).split(" ").forEach(function (term) {
        if (term && terms.indexOf(term) < 0) terms.push(term);
      });
    });
    return terms;
  }

  function fnv1a(key) {
    var h = 0x811c9dc5;
    for (var c of key) {
      h ^= c.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function termKeys(term) {
    var chars = Array.from(term);
    if (chars.length === 1) return [[0, term]];
    var offsets = [];
    for (var k = 0; k < chars.length - 1; k += 2) offsets.push(k);
    if (offsets[offsets.length - 1] !== chars.length - 2) offsets.push(chars.length - 2);
    return offsets.map(function (k) {
      return [k, chars[k] + chars[k + 1]];
    });
  }

  function decode(text) {
    var numbers = [];
    var value = 0;
    var scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = VALUE[text.charAt(i)];
      if (digit >= 32) {
        value += (digit - 32) * scale;
        scale *= 32;
      } else {
        numbers.push(value + digit * scale);
        value = 0;
        scale = 1;
      }
    }
    return numbers;
  }

  /* page number -> positions (a Map), from a key's encoded postings */
  function decodePostings(key, text) {
    var numbers = decode(text);
    var pair = Array.from(key).length > 1;
    var out = new Map();
    var page = -1;
    var i = 0;
    while (i < numbers.length) {
      page += numbers[i++] + 1;
      var where = [];
      if (pair) {
        var count = numbers[i++];
        var position = 0;
        for (var j = 0; j < count; j++) {
          position += numbers[i++];
          where.push(position);
        }
      }
      out.set(page, where);
    }
    return out;
  }

  /* The shards a query needs, as "k/N.json" paths. */
  function shardsFor(terms, shards) {
    var paths = [];
    terms.forEach(function (term) {
      termKeys(term).forEach(function (entry) {
        var path = "k/" + (fnv1a(entry[1]) % shards) + ".json";
        if (paths.indexOf(path) < 0) paths.push(path);
      });
    });
    return paths;
  }

  /* Page numbers containing the term; shard(path) gives a loaded shard object. */
  function termPages(term, shards, shard) {
    var starts = null;
    var keys = termKeys(term);
    for (var n = 0; n < keys.length; n++) {
      var offset = keys[n][0];
      var key = keys[n][1];
      var encoded = shard("k/" + (fnv1a(key) % shards) + ".json")[key];
      if (encoded === undefined) return [];
      var here = decodePostings(key, encoded);
      var next = new Map();
      here.forEach(function (where, page) {
        var shifted = new Set(
          where.map(function (p) {
            return p - offset;
          })
        );
        if (starts === null) {
          next.set(page, shifted);
        } else if (starts.has(page)) {
          var kept = new Set();
          starts.get(page).forEach(function (s) {
            if (shifted.has(s)) kept.add(s);
          });
          if (kept.size || keys.length === 1) next.set(page, kept);
        }
      });
      starts = next;
      if (!starts.size) return [];
    }
    return Array.from(starts.keys()).sort(function (x, y) {
      return x - y;
    });
  }

  function matchPages(terms, shards, shard) {
    var result = null;
    for (var t = 0; t < terms.length; t++) {
      var found = termPages(terms[t], shards, shard);
      if (result !== null) {
        var have = new Set(result);
        found = found.filter(function (p) {
          return have.has(p);
        });
      }
      result = found;
      if (!result.length) return [];
    }
    return result || [];
  }

  /* Everything from query to page numbers; load(path) resolves to a file's text. */
  function search(query, load) {
    var meta = null;
    var fold = null;
    return load("meta.json")
      .then(function (metaText) {
        meta = JSON.parse(metaText);
        return meta.fold ? load("fold.json?v=" + meta.id).then(JSON.parse) : "";
      })
      .then(function (pairs) {
        fold = pairs ? foldTable(pairs) : null;
        var terms = queryTerms(query, fold);
        var paths = shardsFor(terms, meta.shards);
        return Promise.all(
          paths.map(function (p) {
            return load(p + "?v=" + meta.id).then(JSON.parse);
          })
        ).then(function (loaded) {
          var byPath = {};
          paths.forEach(function (p, i) {
            byPath[p] = loaded[i];
          });
          var pages = terms.length
            ? matchPages(terms, meta.shards, function (p) {
                return byPath[p];
              })
            : [];
          return { meta: meta, terms: terms, pages: pages, fold: fold };
        });
      });
  }

  /* Ranges [start, end) of a shown text where a term occurs, compared folded. */
  function highlights(text, terms, fold) {
    var folded = "";
    var origin = [];
    var chars = Array.from(text);
    var at = 0;
    chars.forEach(function (c) {
      var f = c.normalize("NFKC").toLowerCase().replace(INVISIBLE, "");
      if (fold) f = foldChars(f, fold);
      for (var i = 0; i < f.length; i++) origin.push(at);
      folded += f;
      at += c.length;
    });
    origin.push(at);
    var ranges = [];
    terms.forEach(function (term) {
      var from = 0;
      var hit;
      while (term && (hit = folded.indexOf(term, from)) >= 0) {
        ranges.push([origin[hit], origin[hit + term.length] || at]);
        from = hit + term.length;
      }
    });
    ranges.sort(function (x, y) {
      return x[0] - y[0];
    });
    return ranges;
  }

  /* About EXCERPT characters of text around the first place a term occurs, or "" if none does. */
  var EXCERPT = 110;
  function excerpt(text, terms, fold) {
    var ranges = text ? highlights(text, terms, fold) : [];
    if (!ranges.length) return "";
    var start = Math.max(0, ranges[0][0] - 30);
    var end = Math.min(text.length, start + EXCERPT);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  var api = {
    normalize: normalize,
    foldTable: foldTable,
    queryTerms: queryTerms,
    fnv1a: fnv1a,
    termKeys: termKeys,
    decode: decode,
    shardsFor: shardsFor,
    matchPages: matchPages,
    search: search,
    highlights: highlights,
    excerpt: excerpt,
  };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }

  /* ---- the page ---- */
  function marked(parent, text, terms, fold) {
    var at = 0;
    highlights(text, terms, fold).forEach(function (r) {
      if (r[0] < at) return;
      parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function start() {
    var box = document.getElementById("govreview-search");
    if (!box) return;
    var base = new URL(box.getAttribute("data-index"), location.href);
    var root = new URL(box.getAttribute("data-root"), location.href);
    var status = document.getElementById("govreview-search-status");
    var list = document.getElementById("govreview-search-results");
    var input = document.getElementById("govreview-q");
    var query = new URLSearchParams(location.search).get("q") || "";
    input.value = query;
    if (!query.trim()) return;
    var say = function (name, n) {
      return (box.getAttribute("data-" + name) || "").replace("{query}", query).replace("{count}", String(n));
    };
    var load = function (path) {
      return fetch(new URL(path, base), { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.text();
      });
    };
    status.textContent = say("loading");
    search(query, load)
      .then(function (found) {
        var pages = found.pages;
        status.textContent = pages.length ? say("count", pages.length) : say("none");
        var shown = 0;
        var tables = {};
        var more = null;
        var show = function () {
          var part = pages.slice(shown, shown + PER_PAGE);
          shown += part.length;
          var per = found.meta.docs_per_shard;
          var needed = [];
          part.forEach(function (p) {
            var s = Math.floor(p / per);
            if (needed.indexOf(s) < 0 && !tables[s]) needed.push(s);
          });
          return Promise.all(
            needed.map(function (s) {
              return load("d/" + s + ".json?v=" + found.meta.id).then(function (t) {
                tables[s] = JSON.parse(t);
              });
            })
          )
            .then(function () {
              return Promise.all(
                part.map(function (p) {
                  return load("t/" + p + ".txt?v=" + found.meta.id).catch(function () {
                    return "";
                  });
                })
              );
            })
            .then(function (texts) {
              part.forEach(function (p, n) {
                var doc = tables[Math.floor(p / per)][p % per];
                var item = document.createElement("li");
                var link = document.createElement("a");
                link.href = new URL(doc[0], root).href;
                marked(link, doc[1] || doc[0], found.terms, found.fold);
                var title = document.createElement("h2");
                title.appendChild(link);
                item.appendChild(title);
                var line = document.createElement("p");
                line.className = "govreview-search-meta";
                line.textContent = [doc[2], doc[3]].filter(Boolean).join(" · ");
                if (line.textContent) item.appendChild(line);
                var words = excerpt(texts[n], found.terms, found.fold) || doc[4];
                if (words) {
                  var summary = document.createElement("p");
                  marked(summary, words, found.terms, found.fold);
                  item.appendChild(summary);
                }
                list.appendChild(item);
              });
              if (more) more.remove();
              if (shown < pages.length) {
                more = document.createElement("button");
                more.type = "button";
                more.textContent = say("more", pages.length - shown);
                more.addEventListener("click", show);
                list.parentNode.insertBefore(more, list.nextSibling);
              }
            });
        };
        return pages.length ? show() : null;
      })
      .catch(function () {
        status.textContent = say("error");
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
