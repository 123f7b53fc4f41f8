#ifndef ARTICLE_XML_H
#define ARTICLE_XML_H

#include <stddef.h>
#include <stdint.h>

/// Initialises libxml2 once per process (thread-safe, idempotent).
void ax_init(void);

/// The libxml2 version the program was linked with, e.g. 20914.
int ax_libxml_version(void);

#endif
