/* Text rules: UTF-8 everywhere; control characters and escape sequences are
 * refused on input and neutralised on display and in exports; names are
 * folded for search so that "muell", "müll" and "MÜLL" all find "Müller".
 */
#ifndef MODEL_TEXT_H
#define MODEL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/status.h"

/* True when the LEN bytes at S are well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF). */
bool text_valid_utf8(const char *s, size_t len);

/* Checks text typed by a user or read from a file: STATUS_ERR_INVALID when
 * it is not UTF-8 or holds a control character (C0, DEL, C1 U+0080..U+009F,
 * and so every escape sequence), a bidirectional control, a zero-width or
 * other invisible format character, or a line or paragraph separator.
 * MULTILINE allows '\n' (and nothing else of C0). */
enum status text_check(const char *s, bool multiline);

/* Copies IN to OUT for display or export: every byte of malformed UTF-8 and
 * every character text_check refuses becomes '?', except '\n' when
 * MULTILINE. Always
 * NUL-terminates (truncating at a character boundary); returns the length. */
size_t text_neutralise(const char *in, bool multiline, char *out, size_t size);

/* The search key of a name: lower case, German spelling folded (ä→ae, ö→oe,
 * ü→ue, ß→ss, also for upper case), accents of Latin letters dropped (é→e,
 * ç→c, ø→o, å→a, ł→l ...), runs of blanks and '-' kept as they are.
 * Characters of other scripts are copied unchanged. Always NUL-terminates;
 * returns the length. */
size_t text_fold(const char *in, char *out, size_t size);

/* The words of a name as search keys, for the word index: each word
 * (letters and digits; anything else separates them) folded as text_fold
 * folds it and, where that differs, with the umlauts as plain vowels, so
 * that "Väter-Kind-Turnen" gives "vaeter", "kind", "turnen" and "vater".
 * Calls FN once for each distinct key (at most TEXT_WORDS_MAX, each cut to
 * TEXT_WORD_SIZE - 1 bytes); FN returns false to stop. */
#define TEXT_WORD_SIZE 48
#define TEXT_WORDS_MAX 64
void text_words(const char *text, bool (*fn)(void *ctx, const char *word), void *ctx);
/* The longest word of a search as typed, folded, into OUT: the one the
 * word index is searched with. Returns its length (0: no word). */
size_t text_longest_word(const char *query, char *out, size_t size);
/* Every word of QUERY begins a word of TEXT (both folded): "turnen kind"
 * matches "Väter-Kind-Turnen". */
bool text_match(const char *text, const char *query);

/* Display width in terminal columns of UTF-8 text (wcwidth per character;
 * non-printable characters count 1). Needs setlocale for a UTF-8 locale. */
int text_width(const char *s);

/* Removes blanks (space, tab) at both ends in place; returns S. */
char *text_trim(char *s);

/* Copies SRC into DST of SIZE bytes, truncating at a UTF-8 character
 * boundary; always NUL-terminates. Returns true when nothing was cut. */
bool text_copy(char *dst, size_t size, const char *src);

#endif
