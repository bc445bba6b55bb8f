package dev.ownergate.app.store;

class MemoryStoreTest extends StoreContractTest {
    @Override
    Store open() {
        return new MemoryStore();
    }
}
