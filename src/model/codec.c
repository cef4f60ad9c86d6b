/* The length-prefixed encoding described in codec.h. */
#include <stdlib.h>
#include <string.h>

#include "model/codec.h"

static void put_le(uint8_t *p, uint64_t value, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (uint8_t)(value >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int bytes)
{
	uint64_t value = 0;

	for (int i = 0; i < bytes; i++)
		value |= (uint64_t)p[i] << (8 * i);
	return value;
}

void codec_buf_init(struct codec_buf *buf)
{
	memset(buf, 0, sizeof(*buf));
}

void codec_buf_free(struct codec_buf *buf)
{
	free(buf->data);
	codec_buf_init(buf);
}

/* Makes room for N more bytes; returns where they go, or NULL. */
static uint8_t *reserve(struct codec_buf *buf, size_t n)
{
	if (buf->failed)
		return NULL;
	if (n > UINT32_MAX || buf->len + n > UINT32_MAX) {
		buf->failed = true;
		return NULL;
	}
	if (buf->len + n > buf->cap) {
		size_t cap = buf->cap ? buf->cap : 256;
		uint8_t *data;

		while (cap < buf->len + n)
			cap *= 2;
		data = realloc(buf->data, cap);
		if (!data) {
			buf->failed = true;
			return NULL;
		}
		buf->data = data;
		buf->cap = cap;
	}
	buf->len += n;
	return buf->data + buf->len - n;
}

void codec_begin(struct codec_buf *buf, uint16_t kind, uint16_t version)
{
	uint8_t *p;

	buf->len = 0;
	buf->failed = false;
	p = reserve(buf, CODEC_HEADER_SIZE);
	if (!p)
		return;
	p[0] = 'S';
	p[1] = 'R';
	put_le(p + 2, kind, 2);
	put_le(p + 4, version, 2);
}

static void put_field(struct codec_buf *buf, uint16_t tag, enum codec_type type, const void *data,
                      size_t len)
{
	uint8_t *p = reserve(buf, CODEC_FIELD_HEADER_SIZE + len);

	if (!p)
		return;
	put_le(p, tag, 2);
	p[2] = (uint8_t)type;
	put_le(p + 3, len, 4);
	if (len)
		memcpy(p + CODEC_FIELD_HEADER_SIZE, data, len);
}

void codec_put_u64(struct codec_buf *buf, uint16_t tag, uint64_t value)
{
	uint8_t bytes[8];

	put_le(bytes, value, 8);
	put_field(buf, tag, CODEC_U64, bytes, sizeof(bytes));
}

void codec_put_i64(struct codec_buf *buf, uint16_t tag, int64_t value)
{
	uint8_t bytes[8];

	put_le(bytes, (uint64_t)value, 8);
	put_field(buf, tag, CODEC_I64, bytes, sizeof(bytes));
}

void codec_put_str(struct codec_buf *buf, uint16_t tag, const char *value)
{
	put_field(buf, tag, CODEC_STR, value, strlen(value));
}

void codec_put_bytes(struct codec_buf *buf, uint16_t tag, const void *data, size_t len)
{
	put_field(buf, tag, CODEC_BYTES, data, len);
}

enum status codec_finish(const struct codec_buf *buf)
{
	return buf->failed ? STATUS_ERR_NOMEM : STATUS_OK;
}

enum status codec_open(struct codec_reader *reader, const void *data, size_t len)
{
	const uint8_t *p = data;

	/* what is no message reads as one without fields, whether or not
	 * the caller looks at the status (an empty reply: no answer came) */
	*reader = (struct codec_reader){0};
	if (!p || len < CODEC_HEADER_SIZE || p[0] != 'S' || p[1] != 'R')
		return STATUS_ERR_CORRUPT;
	reader->kind = (uint16_t)get_le(p + 2, 2);
	reader->version = (uint16_t)get_le(p + 4, 2);
	reader->pos = p + CODEC_HEADER_SIZE;
	reader->end = p + len;
	return STATUS_OK;
}

enum status codec_next(struct codec_reader *reader, struct codec_field *field)
{
	size_t left = reader->pos ? (size_t)(reader->end - reader->pos) : 0;

	if (left == 0)
		return STATUS_ERR_NOT_FOUND;
	if (left < CODEC_FIELD_HEADER_SIZE)
		return STATUS_ERR_CORRUPT;
	field->tag = (uint16_t)get_le(reader->pos, 2);
	field->type = reader->pos[2];
	field->len = (uint32_t)get_le(reader->pos + 3, 4);
	if (field->len > left - CODEC_FIELD_HEADER_SIZE)
		return STATUS_ERR_CORRUPT;
	field->data = reader->pos + CODEC_FIELD_HEADER_SIZE;
	reader->pos = field->data + field->len;
	return STATUS_OK;
}

enum status codec_get_u64(const struct codec_field *field, uint64_t *value)
{
	if (field->type != CODEC_U64 || field->len != 8)
		return STATUS_ERR_CORRUPT;
	*value = get_le(field->data, 8);
	return STATUS_OK;
}

enum status codec_get_i64(const struct codec_field *field, int64_t *value)
{
	if (field->type != CODEC_I64 || field->len != 8)
		return STATUS_ERR_CORRUPT;
	*value = (int64_t)get_le(field->data, 8);
	return STATUS_OK;
}

enum status codec_get_str(const struct codec_field *field, char *buf, size_t size)
{
	if (field->type != CODEC_STR || memchr(field->data, '\0', field->len))
		return STATUS_ERR_CORRUPT;
	if (field->len >= size)
		return STATUS_ERR_TOO_LONG;
	memcpy(buf, field->data, field->len);
	buf[field->len] = '\0';
	return STATUS_OK;
}
