/** Status machines of the services' records, with the 409 that lists what the current state allows. */
package io.kechuang.listing.lifecycle;
