import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LocalDiskStorage } from './local-disk.storage';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage';

/** Global: any module may keep files through `@Inject(OBJECT_STORAGE)`. Local disk until an S3 provider is added. */
@Global()
@Module({
  providers: [
    {
      provide: OBJECT_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ObjectStorage => new LocalDiskStorage(config.storage.dir),
    },
  ],
  exports: [OBJECT_STORAGE],
})
export class StorageModule {}
