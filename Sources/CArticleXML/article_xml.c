#include "article_xml.h"
#include <pthread.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

static pthread_once_t ax_once = PTHREAD_ONCE_INIT;

static void ax_do_init(void) {
    xmlInitParser();
}

void ax_init(void) {
    pthread_once(&ax_once, ax_do_init);
}

int ax_libxml_version(void) {
    return LIBXML_VERSION;
}
