import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaController } from './media.controller';
import { PhotoEntity } from './photo.entity';
import { PhotoService } from './photo.service';
import { UnclaimedPhotoSweeper } from './unclaimed-photo-sweeper.service';

/** Uploaded photos: checked, stripped of metadata, stored via ObjectStorage, served by id, swept when never claimed. */
@Module({
  imports: [TypeOrmModule.forFeature([PhotoEntity])],
  controllers: [MediaController],
  providers: [PhotoService, UnclaimedPhotoSweeper],
  exports: [PhotoService],
})
export class MediaModule {}
